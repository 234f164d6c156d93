/** An RDS snapshot's "restore" attribute values as sharing: "all" = public, else account ids. */
export function restoreSharing(attributes: Array<{ AttributeName?: string; AttributeValues?: string[] }> | undefined) {
  const values = (attributes ?? []).find((a) => a.AttributeName === "restore")?.AttributeValues ?? [];
  return { public: values.includes("all"), accountIds: values.filter((v) => v !== "all").sort() };
}
