//! The Open Cloud API key, kept in the operating system's keychain (macOS
//! Keychain, Windows Credential Manager, the Secret Service on Linux) under
//! the game's universe id, never in the project file. Where no keychain
//! exists (a headless Linux machine, CI) the key is kept for this run only
//! and the window says so.

use std::collections::HashMap;
use std::fmt;
use std::sync::Mutex;

use super::error::LiveError;

/// The name the keychain shows for the app's entries.
pub const KEYCHAIN_SERVICE: &str = "DataStore Designer (Open Cloud)";

/// An Open Cloud API key. Its Debug form hides it, so it never lands in a
/// log or a panic message.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// The key as pasted, without surrounding spaces; None when empty.
    pub fn new(text: &str) -> Option<ApiKey> {
        let text = text.trim();
        (!text.is_empty()).then(|| ApiKey(text.to_string()))
    }

    /// The key itself, for the request header only.
    pub fn reveal(&self) -> &str {
        &self.0
    }

    /// The last four characters, to tell keys apart in the window and the
    /// audit log ("key …a1b2").
    pub fn label(&self) -> String {
        let tail: String = self
            .0
            .chars()
            .rev()
            .take(4)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        format!("key …{tail}")
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ApiKey({})", self.label())
    }
}

/// Where a key was kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyPlace {
    /// In the operating system's keychain: it is there next time.
    Keychain,
    /// No keychain could take it: kept in memory until the app closes.
    ThisRunOnly { why: String },
}

impl KeyPlace {
    /// What the window says about where the key is.
    pub fn describe(&self) -> String {
        match self {
            KeyPlace::Keychain => {
                "The key is kept in this computer's keychain, never in the project file.".into()
            }
            KeyPlace::ThisRunOnly { why } => format!(
                "This computer has no keychain the app can use ({why}), so the key is kept only until the app closes; paste it again next time. It is never written to the project file."
            ),
        }
    }
}

/// Keys by universe id: the keychain first, this run's memory as the
/// fallback. Entries are reused so a store without persistence (keyring's
/// mock, in tests) behaves as one. Keychain calls can block for seconds (a
/// Linux desktop may start its keyring service, or time out waiting for
/// one): call them off the window's thread.
#[derive(Debug)]
pub struct KeyStore {
    entries: Mutex<HashMap<u64, keyring::Entry>>,
    this_run: Mutex<HashMap<u64, ApiKey>>,
}

impl Default for KeyStore {
    fn default() -> Self {
        KeyStore::new()
    }
}

impl KeyStore {
    pub fn new() -> KeyStore {
        KeyStore {
            entries: Mutex::new(HashMap::new()),
            this_run: Mutex::new(HashMap::new()),
        }
    }

    /// A store on keyring's mock keychain (tests): nothing reaches the real
    /// keychain of the machine running them.
    pub fn mock() -> KeyStore {
        keyring::set_default_credential_builder(keyring::mock::default_credential_builder());
        KeyStore::new()
    }

    fn with_entry<T>(
        &self,
        universe_id: u64,
        f: impl FnOnce(&keyring::Entry) -> keyring::Result<T>,
    ) -> keyring::Result<T> {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let entry = match entries.entry(universe_id) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(v) => v.insert(keyring::Entry::new(
                KEYCHAIN_SERVICE,
                &format!("universe {universe_id}"),
            )?),
        };
        f(entry)
    }

    /// Keeps `key` for the game `universe_id`.
    pub fn save(&self, universe_id: u64, key: &ApiKey) -> KeyPlace {
        match self.with_entry(universe_id, |e| e.set_password(key.reveal())) {
            Ok(()) => {
                self.run_keys().remove(&universe_id);
                KeyPlace::Keychain
            }
            Err(error) => {
                self.run_keys().insert(universe_id, key.clone());
                KeyPlace::ThisRunOnly { why: plain(&error) }
            }
        }
    }

    /// The key kept for `universe_id`, if any.
    pub fn load(&self, universe_id: u64) -> Result<Option<ApiKey>, LiveError> {
        if let Some(key) = self.run_keys().get(&universe_id) {
            return Ok(Some(key.clone()));
        }
        match self.with_entry(universe_id, |e| e.get_password()) {
            Ok(text) => Ok(ApiKey::new(&text)),
            Err(keyring::Error::NoEntry) => Ok(None),
            // No keychain on this machine: there can't be a key in it.
            Err(keyring::Error::PlatformFailure(_) | keyring::Error::NoStorageAccess(_)) => {
                Ok(None)
            }
            Err(error) => Err(LiveError::Keychain(plain(&error))),
        }
    }

    /// Removes the key of `universe_id` from the keychain and this run.
    pub fn forget(&self, universe_id: u64) -> Result<(), LiveError> {
        self.run_keys().remove(&universe_id);
        match self.with_entry(universe_id, |e| e.delete_credential()) {
            Ok(())
            | Err(
                keyring::Error::NoEntry
                | keyring::Error::PlatformFailure(_)
                | keyring::Error::NoStorageAccess(_),
            ) => Ok(()),
            Err(error) => Err(LiveError::Keychain(plain(&error))),
        }
    }

    fn run_keys(&self) -> std::sync::MutexGuard<'_, HashMap<u64, ApiKey>> {
        self.this_run.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A keychain error in words.
fn plain(error: &keyring::Error) -> String {
    match error {
        keyring::Error::PlatformFailure(_) | keyring::Error::NoStorageAccess(_) => {
            format!("the keychain service is not running or refused access: {error}")
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_kept_per_universe_and_hidden_in_debug_output() {
        let store = KeyStore::mock();
        let key = ApiKey::new("  secret-key-a1b2 ").unwrap();
        assert_eq!(store.save(7, &key), KeyPlace::Keychain);
        assert_eq!(store.load(7).unwrap(), Some(key.clone()));
        assert_eq!(store.load(8).unwrap(), None);
        assert!(!format!("{key:?}").contains("secret"));
        assert_eq!(key.label(), "key …a1b2");
        store.forget(7).unwrap();
        assert_eq!(store.load(7).unwrap(), None);
        assert_eq!(ApiKey::new("   "), None);
    }
}
