/** Bundled skill: weather from free services, no API key. */
export const SKILL_MD = `---
name: weather
description: Current weather and short forecasts for a place, from wttr.in or Open-Meteo (no API key).
metadata:
  openclaw:
    emoji: "🌦️"
    requires:
      bins: [curl]
---

# Weather

Both services are free and need no key. Keep requests small.

- Quick answer: \`curl -s "https://wttr.in/Paris?format=3"\` (one line: place, sky, temperature).
- Today and the next two days: \`curl -s "https://wttr.in/Paris?format=j1"\` (JSON; read
  \`current_condition\` and \`weather[].hourly[]\`).
- Precise forecast by coordinates: \`curl -s "https://api.open-meteo.com/v1/forecast?latitude=48.85&longitude=2.35&hourly=temperature_2m,precipitation_probability&forecast_days=2"\`.

Spaces in place names become \`+\` (\`New+York\`). Say which service the numbers come from
and the local time they apply to.
`;
