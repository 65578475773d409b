//! Every Roblox endpoint the live-data pages use, with its documentation,
//! so the client can be checked against the real API. The loopback server
//! in `crate::sim::opencloud` implements the same list.
//!
//! | What | Request | Documentation |
//! | --- | --- | --- |
//! | Read a player's record (with its etag) | `GET /cloud/v2/universes/{universe}/data-stores/{store}/scopes/{scope}/entries/{key}` | <https://create.roblox.com/docs/cloud/reference/DataStoreEntry#Cloud_GetDataStoreEntry__Using_Universes_DataStores_Scopes> |
//! | Write it, with the etag as a precondition (`allowMissing` for a new key) | `PATCH …/entries/{key}?allowMissing=` | <https://create.roblox.com/docs/cloud/reference/DataStoreEntry#Cloud_UpdateDataStoreEntry__Using_Universes_DataStores_Scopes> |
//! | Remove it (erase) | `DELETE …/entries/{key}` | <https://create.roblox.com/docs/cloud/reference/DataStoreEntry#Cloud_DeleteDataStoreEntry__Using_Universes_DataStores_Scopes> |
//! | Page through keys with a prefix filter | `GET …/scopes/{scope}/entries?maxPageSize=&pageToken=&filter=id.startsWith("…")` | <https://create.roblox.com/docs/cloud/reference/DataStoreEntry#Cloud_ListDataStoreEntries__Using_Universes_DataStores_Scopes> |
//! | List Roblox's kept versions | `GET …/entries/{key}:listRevisions?maxPageSize=&pageToken=` | <https://create.roblox.com/docs/cloud/reference/DataStoreEntry#Cloud_ListDataStoreEntryRevisions__Using_Universes_DataStores_Scopes> |
//! | Read one version | `GET …/entries/{key}@{revisionId}` | <https://create.roblox.com/docs/cloud/reference/DataStoreEntry#Cloud_GetDataStoreEntry__Using_Universes_DataStores_Scopes> |
//! | A leaderboard's top entries | `GET /cloud/v2/universes/{universe}/ordered-data-stores/{store}/scopes/{scope}/entries?orderBy=value desc&maxPageSize=&pageToken=` | <https://create.roblox.com/docs/cloud/reference/OrderedDataStoreEntry#Cloud_ListOrderedDataStoreEntries> |
//! | Remove a player from a leaderboard (erase) | `DELETE …/ordered-data-stores/{store}/scopes/{scope}/entries/{key}` | <https://create.roblox.com/docs/cloud/reference/OrderedDataStoreEntry#Cloud_DeleteOrderedDataStoreEntry> |
//! | Ask the live server holding a player's session lock to let go (erase) | `POST /cloud/v2/universes/{universe}:publishMessage` with `{ topic, message }` | <https://create.roblox.com/docs/cloud/reference/Universe#Cloud_PublishUniverseMessage> |
//! | A user id to the account's name (public; no key sent) | `GET https://users.roblox.com/v1/users/{userId}` | <https://create.roblox.com/docs/cloud/legacy/users/v1#/Users/get_v1_users__userId_> |
//! | A username to a user id (public; no key sent) | `POST https://users.roblox.com/v1/usernames/users` | <https://create.roblox.com/docs/cloud/legacy/users/v1#/Users/post_v1_usernames_users> |
//!
//! Authentication: the `x-api-key` header
//! (<https://create.roblox.com/docs/cloud/auth/api-keys>). Rate limits: 300
//! requests a minute per universe for reads and for writes each, 429 past
//! them (<https://create.roblox.com/docs/cloud/guides/data-stores/throttling>).
//! Errors: Open Cloud v2's `{ code, message }` bodies
//! (<https://create.roblox.com/docs/cloud/reference/errors>).

/// One endpoint, for the window's "what this uses" list and the closing note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Endpoint {
    pub what: &'static str,
    pub method: &'static str,
    pub path: &'static str,
    pub docs: &'static str,
}

/// The list above, as data.
pub const ENDPOINTS: &[Endpoint] = &[
    Endpoint {
        what: "Read a player's record",
        method: "GET",
        path: "/cloud/v2/universes/{universe}/data-stores/{store}/scopes/{scope}/entries/{key}",
        docs: "https://create.roblox.com/docs/cloud/reference/DataStoreEntry#Cloud_GetDataStoreEntry__Using_Universes_DataStores_Scopes",
    },
    Endpoint {
        what: "Write a player's record with its etag",
        method: "PATCH",
        path: "/cloud/v2/universes/{universe}/data-stores/{store}/scopes/{scope}/entries/{key}",
        docs: "https://create.roblox.com/docs/cloud/reference/DataStoreEntry#Cloud_UpdateDataStoreEntry__Using_Universes_DataStores_Scopes",
    },
    Endpoint {
        what: "Remove a key",
        method: "DELETE",
        path: "/cloud/v2/universes/{universe}/data-stores/{store}/scopes/{scope}/entries/{key}",
        docs: "https://create.roblox.com/docs/cloud/reference/DataStoreEntry#Cloud_DeleteDataStoreEntry__Using_Universes_DataStores_Scopes",
    },
    Endpoint {
        what: "Page through keys",
        method: "GET",
        path: "/cloud/v2/universes/{universe}/data-stores/{store}/scopes/{scope}/entries",
        docs: "https://create.roblox.com/docs/cloud/reference/DataStoreEntry#Cloud_ListDataStoreEntries__Using_Universes_DataStores_Scopes",
    },
    Endpoint {
        what: "List Roblox's kept versions",
        method: "GET",
        path: "/cloud/v2/universes/{universe}/data-stores/{store}/scopes/{scope}/entries/{key}:listRevisions",
        docs: "https://create.roblox.com/docs/cloud/reference/DataStoreEntry#Cloud_ListDataStoreEntryRevisions__Using_Universes_DataStores_Scopes",
    },
    Endpoint {
        what: "Read one kept version",
        method: "GET",
        path: "/cloud/v2/universes/{universe}/data-stores/{store}/scopes/{scope}/entries/{key}@{revision}",
        docs: "https://create.roblox.com/docs/cloud/reference/DataStoreEntry#Cloud_GetDataStoreEntry__Using_Universes_DataStores_Scopes",
    },
    Endpoint {
        what: "A leaderboard's top entries",
        method: "GET",
        path: "/cloud/v2/universes/{universe}/ordered-data-stores/{store}/scopes/{scope}/entries",
        docs: "https://create.roblox.com/docs/cloud/reference/OrderedDataStoreEntry#Cloud_ListOrderedDataStoreEntries",
    },
    Endpoint {
        what: "Remove a player from a leaderboard",
        method: "DELETE",
        path: "/cloud/v2/universes/{universe}/ordered-data-stores/{store}/scopes/{scope}/entries/{key}",
        docs: "https://create.roblox.com/docs/cloud/reference/OrderedDataStoreEntry#Cloud_DeleteOrderedDataStoreEntry",
    },
    Endpoint {
        what: "Ask a live server to let go of a player",
        method: "POST",
        path: "/cloud/v2/universes/{universe}:publishMessage",
        docs: "https://create.roblox.com/docs/cloud/reference/Universe#Cloud_PublishUniverseMessage",
    },
    Endpoint {
        what: "A user id to the account's name",
        method: "GET",
        path: "https://users.roblox.com/v1/users/{userId}",
        docs: "https://create.roblox.com/docs/cloud/legacy/users/v1#/Users/get_v1_users__userId_",
    },
    Endpoint {
        what: "A username to a user id",
        method: "POST",
        path: "https://users.roblox.com/v1/usernames/users",
        docs: "https://create.roblox.com/docs/cloud/legacy/users/v1#/Users/post_v1_usernames_users",
    },
];
