/**
 * The finish screen's app options: what a user who has heard of OpenClaw's
 * apps should know here. Facts only, from the public OpenClaw docs: the macOS
 * menu-bar app and the iOS and Android apps are companion apps that pair
 * with a gateway as device nodes; the iOS app is an internal preview and the
 * Android app is built from source. This gateway has no node role yet, so the
 * lines say so and point to what works today.
 */
export function appOptionLines(): string[] {
  return [
    "Apps: OpenClaw's macOS menu-bar app and its iOS and Android apps pair with a gateway as " +
    "device nodes; this gateway does not accept them yet (the iOS app is an internal preview, " +
    "the Android app is built from source).",
    "From a phone, talk to your agent through a chat channel, or use the Control UI.",
  ];
}
