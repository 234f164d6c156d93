// The package ships no types: what the tests use of its output.
declare module "parse-prometheus-text-format" {
  type TSample = { value?: string; labels?: Record<string, string>; buckets?: Record<string, string>; count?: string; sum?: string };
  export default function parsePrometheusTextFormat(text: string): Array<{ name: string; help: string; type: string; metrics: TSample[] }>;
}
