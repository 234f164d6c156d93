export type TFilterOption = string | { value: string; label: string };

/**
 * One labelled <select> of a GET filter form. `any` is the label of the empty choice
 * (no filter); null leaves it out, for selects that always hold a value (sort, order).
 */
export function FilterSelect(props: { label: string; name: string; value: string | number | undefined | null; options: readonly TFilterOption[]; any?: string | null }) {
  const any = props.any === undefined ? "any" : props.any;
  return (
    <label>{props.label}
      <select name={props.name} defaultValue={props.value === undefined || props.value === null ? "" : String(props.value)}>
        {any !== null && <option value="">{any}</option>}
        {props.options.map((option) => typeof option === "string"
          ? <option key={option} value={option}>{option}</option>
          : <option key={option.value} value={option.value}>{option.label}</option>)}
      </select>
    </label>
  );
}

/** The account filter every list has. */
export function AccountSelect(props: { value: string | undefined; accounts: ReadonlyArray<{ id: string; name: string }>; any?: string; withIds?: boolean }) {
  return (
    <FilterSelect label="Account" name="account" value={props.value} any={props.any ?? "any"}
      options={props.accounts.map((a) => ({ value: a.id, label: props.withIds ? `${a.name} (${a.id})` : a.name }))} />
  );
}
