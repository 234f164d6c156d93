import { BlockList, isIP } from "node:net";

// IpAddress / NotIpAddress: the request's address (IPv4 or IPv6) against a policy value in
// CIDR notation ("203.0.113.0/24", "2001:DB8:1234:5678::/64"); a bare address is a single
// host. IAM JSON policy elements: Condition operators, IP address condition operators,
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress
// Node's BlockList does the prefix arithmetic; one list per distinct policy value.
const rangeCache = new Map<string, BlockList | null>();

export function matchIpAddress(requestValue: string, policyValue: string): boolean {
  const range = rangeOf(policyValue);
  if (!range) return false;
  const family = isIP(requestValue.trim());
  if (family === 0) return false;
  return range.check(requestValue.trim(), family === 4 ? "ipv4" : "ipv6");
}

function rangeOf(policyValue: string): BlockList | null {
  const cached = rangeCache.get(policyValue);
  if (cached !== undefined) return cached;
  const [address, prefixText] = policyValue.trim().split("/");
  const family = isIP(address);
  let range: BlockList | null = null;
  const maxPrefix = family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? maxPrefix : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (family !== 0 && prefix >= 0 && prefix <= maxPrefix) {
    range = new BlockList();
    range.addSubnet(address, prefix, family === 4 ? "ipv4" : "ipv6");
  }
  rangeCache.set(policyValue, range);
  return range;
}
