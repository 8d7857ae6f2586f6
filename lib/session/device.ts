// A readable name for the device behind a user agent, for the sessions page and admin panel.
// Deliberately small: browser family and platform are enough to recognise "my phone".
const BROWSERS: [RegExp, string][] = [
  [/Edg\//, "Edge"],
  [/OPR\//, "Opera"],
  [/Firefox\//, "Firefox"],
  [/(Headless)?Chrome\//, "Chrome"],
  [/Safari\//, "Safari"],
  [/curl\//, "curl"],
];

const PLATFORMS: [RegExp, string][] = [
  [/iPhone|iPad/, "iOS"],
  [/Android/, "Android"],
  [/Windows/, "Windows"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/CrOS/, "ChromeOS"],
  [/Linux/, "Linux"],
];

export function describeDevice(userAgent: string | null, clientType: string): string {
  const found = (table: [RegExp, string][]) => table.find(([pattern]) => pattern.test(userAgent ?? ""))?.[1];
  const browser = found(BROWSERS);
  const platform = found(PLATFORMS);
  const name = browser && platform ? `${browser} on ${platform}` : (browser ?? platform ?? "Unknown device");
  return clientType === "api" ? `API client (${name})` : name;
}
