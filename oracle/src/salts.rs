//! Commitments this oracle made and has not revealed yet, kept on disk so that a restart (or a
//! crash) between commit and reveal can still reveal: a seat that cannot reveal is slashed.
//!
//! One file per round (`<round account>.json`: the request, or the dispute, the commitment
//! names) holding the round's id, the output, the salt and the commitment. Rules: the entry is written and
//! synced (file, then directory) before the commitment is sent, so a commitment on-chain always
//! has its salt on disk; a write replaces an entry atomically (temporary file, rename); an entry
//! is removed only once the seat has revealed or its round has ended.

use std::{
    fs::{self, File},
    io::Write,
    path::{Path, PathBuf},
};

use anchor_lang::prelude::Pubkey;
use serde::{Deserialize, Serialize};

/// What a seat committed to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Committed {
    /// Which round at this address: the request's `created_slot`, or the dispute's
    /// `opened_slot`. An address can be reused (a request closed and created again); an entry
    /// of another round there is stale and never revealed.
    pub round_id: u64,
    /// The bytes committed to (the output tensor, or the output hash in a dispute of a result
    /// posted by URI), hex.
    #[serde(with = "hex_bytes")]
    pub output: Vec<u8>,
    /// The secret salt, hex.
    #[serde(with = "hex_bytes")]
    pub salt: Vec<u8>,
    /// `sha256(sha256(output) || salt || oracle)`, hex.
    #[serde(with = "hex_bytes")]
    pub commitment: Vec<u8>,
}

impl Committed {
    /// The salt as the 32 bytes the program takes.
    pub fn salt_array(&self) -> Option<[u8; 32]> {
        self.salt.as_slice().try_into().ok()
    }
}

/// A fresh random 32-byte salt from the operating system.
pub fn new_salt() -> std::io::Result<[u8; 32]> {
    let mut salt = [0u8; 32];
    getrandom::fill(&mut salt).map_err(std::io::Error::other)?;
    Ok(salt)
}

/// The on-disk store of unrevealed commitments.
#[derive(Clone, Debug)]
pub struct SaltStore {
    dir: PathBuf,
}

impl SaltStore {
    /// A store in `dir`, created if missing.
    pub fn open(dir: impl Into<PathBuf>) -> std::io::Result<Self> {
        let dir = dir.into();
        fs::create_dir_all(&dir)?;
        Ok(Self { dir })
    }

    fn path(&self, round: &Pubkey) -> PathBuf {
        self.dir.join(format!("{round}.json"))
    }

    /// Writes `entry` for `round` durably: on return it survives a crash or power loss.
    pub fn save(&self, round: &Pubkey, entry: &Committed) -> std::io::Result<()> {
        let path = self.path(round);
        let temporary = path.with_extension("json.tmp");
        let bytes = serde_json::to_vec_pretty(entry).map_err(std::io::Error::other)?;
        {
            let mut file = File::create(&temporary)?;
            file.write_all(&bytes)?;
            file.sync_all()?;
        }
        fs::rename(&temporary, &path)?;
        sync_dir(&self.dir)
    }

    /// The entry for `round`, if one was saved (an unreadable entry is an error, not `None`:
    /// the seat would be slashed if it were silently dropped).
    pub fn load(&self, round: &Pubkey) -> std::io::Result<Option<Committed>> {
        match fs::read(self.path(round)) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map(Some)
                .map_err(std::io::Error::other),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(err) => Err(err),
        }
    }

    /// Forgets `round` (revealed, or the round ended).
    pub fn remove(&self, round: &Pubkey) -> std::io::Result<()> {
        match fs::remove_file(self.path(round)) {
            Ok(()) => sync_dir(&self.dir),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(err) => Err(err),
        }
    }

    /// The rounds with an entry (what a restarted oracle still has to reveal).
    pub fn rounds(&self) -> std::io::Result<Vec<Pubkey>> {
        let mut rounds = Vec::new();
        for entry in fs::read_dir(&self.dir)? {
            let name = entry?.file_name();
            let Some(stem) = name.to_str().and_then(|n| n.strip_suffix(".json")) else {
                continue;
            };
            if let Ok(round) = stem.parse() {
                rounds.push(round);
            }
        }
        Ok(rounds)
    }
}

/// Makes a rename or removal in `dir` durable.
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    File::open(dir)?.sync_all()
}

mod hex_bytes {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&hex::encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(deserializer)?;
        hex::decode(text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(byte: u8) -> Committed {
        Committed {
            round_id: 7,
            output: vec![byte; 4],
            salt: vec![byte; 32],
            commitment: vec![byte; 32],
        }
    }

    #[test]
    fn entries_survive_a_reopen_and_are_replaced_and_removed() {
        let dir = std::env::temp_dir().join(format!("salts-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let store = SaltStore::open(&dir).unwrap();
        let round = Pubkey::new_unique();
        assert_eq!(store.load(&round).unwrap(), None);
        store.save(&round, &entry(1)).unwrap();
        store.save(&round, &entry(2)).unwrap();
        let reopened = SaltStore::open(&dir).unwrap();
        assert_eq!(reopened.load(&round).unwrap(), Some(entry(2)));
        assert_eq!(reopened.rounds().unwrap(), vec![round]);
        assert_eq!(entry(2).salt_array(), Some([2; 32]));
        reopened.remove(&round).unwrap();
        reopened.remove(&round).unwrap();
        assert_eq!(reopened.load(&round).unwrap(), None);
        assert!(!dir.join(format!("{round}.json.tmp")).exists());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_corrupt_entry_is_an_error_not_a_missing_one() {
        let dir = std::env::temp_dir().join(format!("salts-corrupt-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let store = SaltStore::open(&dir).unwrap();
        let round = Pubkey::new_unique();
        fs::write(dir.join(format!("{round}.json")), b"{not json").unwrap();
        assert!(store.load(&round).is_err());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn salts_are_random() {
        assert_ne!(new_salt().unwrap(), new_salt().unwrap());
    }
}
