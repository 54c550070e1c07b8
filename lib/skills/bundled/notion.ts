/** Bundled skill: Notion through its HTTP API (needs an integration token). */
export const SKILL_MD = `---
name: notion
description: Search, read and add to Notion pages and databases through the Notion API.
metadata:
  openclaw:
    emoji: "🗒️"
    homepage: https://developers.notion.com
    requires:
      bins: [curl]
      env: [NOTION_API_KEY]
---

# Notion

The user creates an internal integration at notion.so/my-integrations, shares the pages
it may use with it, and sets its token as \`NOTION_API_KEY\`. Never print the token.

Every request sends these headers:

    -H "Authorization: Bearer $NOTION_API_KEY" -H "Notion-Version: 2022-06-28" -H "Content-Type: application/json"

- Search: \`POST https://api.notion.com/v1/search\` with \`{"query": "…"}\`.
- Read a page's blocks: \`GET https://api.notion.com/v1/blocks/PAGE_ID/children\`.
- Query a database: \`POST https://api.notion.com/v1/databases/DB_ID/query\`.
- Append to a page: \`PATCH https://api.notion.com/v1/blocks/PAGE_ID/children\` with \`{"children": […]}\`.

A 404 usually means the page was not shared with the integration: tell the user which page.
Ask before changing or archiving anything.
`;
