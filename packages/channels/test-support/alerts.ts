/** Test support: alerts built with the real composeAlert (imported by relative path, as tests may). */
import type { Alert } from "@storywire/core";
import { composeAlert } from "@storywire/core";
import { testAlertInput } from "@storywire/core/test-support/alerts";

export const HOSTILE_TITLE = "<!channel> @everyone <script>alert(1)</script> & *bold* [x](https://evil.example) <@123>";

/** An update alert in the ceasefire storyline; overrides as for testAlertInput. */
export function testAlert(overrides: Parameters<typeof testAlertInput>[0] = {}): Alert {
  return composeAlert(testAlertInput(overrides));
}
