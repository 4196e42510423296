//! Checking a model file against its manifest entry: size, SHA-256, SHA-1.
//!
//! The size is compared first because it is free and catches truncation;
//! both hashes are then computed in one pass over the file. A check whose
//! expected value the manifest lacks is reported as skipped, never as
//! passed, so "verified" always means "compared with what the publisher
//! lists".

use crate::manifest::ModelEntry;
use crate::Error;
use sha1::Sha1;
use sha2::{Digest, Sha256};
use std::fmt;
use std::fs::File;
use std::io::Read;
use std::path::Path;

/// Which property of the file was checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckKind {
    Size,
    Sha256,
    Sha1,
}

impl CheckKind {
    pub fn label(self) -> &'static str {
        match self {
            CheckKind::Size => "size",
            CheckKind::Sha256 => "SHA-256",
            CheckKind::Sha1 => "SHA-1",
        }
    }
}

/// The result of one check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckOutcome {
    Passed,
    Failed {
        expected: String,
        actual: String,
    },
    /// Not performed; the reason says why (e.g. no value in the manifest).
    Skipped {
        reason: &'static str,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub kind: CheckKind,
    pub outcome: CheckOutcome,
}

/// All checks run on one file, in the order size, SHA-256, SHA-1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyReport {
    pub checks: Vec<Check>,
}

impl VerifyReport {
    /// True when no check failed (skipped checks do not fail a file).
    pub fn is_ok(&self) -> bool {
        self.first_failure().is_none()
    }

    pub fn first_failure(&self) -> Option<&Check> {
        self.checks
            .iter()
            .find(|c| matches!(c.outcome, CheckOutcome::Failed { .. }))
    }

    pub fn skipped(&self) -> impl Iterator<Item = &Check> {
        self.checks
            .iter()
            .filter(|c| matches!(c.outcome, CheckOutcome::Skipped { .. }))
    }
}

impl fmt::Display for VerifyReport {
    /// One line, e.g. "size ok, SHA-256 ok, SHA-1 skipped (not in the manifest)".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (idx, check) in self.checks.iter().enumerate() {
            if idx > 0 {
                f.write_str(", ")?;
            }
            let label = check.kind.label();
            match &check.outcome {
                CheckOutcome::Passed => write!(f, "{label} ok")?,
                CheckOutcome::Failed { expected, actual } => {
                    write!(f, "{label} MISMATCH (expected {expected}, got {actual})")?
                }
                CheckOutcome::Skipped { reason } => write!(f, "{label} skipped ({reason})")?,
            }
        }
        Ok(())
    }
}

const NOT_IN_MANIFEST: &str = "not in the manifest";
const SIZE_DIFFERS: &str = "the size already differs";

/// Checks the file at `path` against `entry`. Fails only when the file
/// cannot be read; a mismatch is a failed check in the report.
pub fn verify_file(path: &Path, entry: &ModelEntry) -> Result<VerifyReport, Error> {
    let read_error = |source| Error::Io {
        action: "read",
        path: path.to_path_buf(),
        source,
    };
    let actual_size = std::fs::metadata(path).map_err(read_error)?.len();
    let size_ok = actual_size == entry.size;
    let mut checks = vec![Check {
        kind: CheckKind::Size,
        outcome: if size_ok {
            CheckOutcome::Passed
        } else {
            CheckOutcome::Failed {
                expected: entry.size.to_string(),
                actual: actual_size.to_string(),
            }
        },
    }];
    let mut sha256 = entry.sha256.as_ref().map(|_| Sha256::new());
    let mut sha1 = entry.sha1.as_ref().map(|_| Sha1::new());
    if size_ok && (sha256.is_some() || sha1.is_some()) {
        let mut file = File::open(path).map_err(read_error)?;
        let mut buf = vec![0u8; 1 << 20];
        loop {
            let n_read = file.read(&mut buf).map_err(read_error)?;
            if n_read == 0 {
                break;
            }
            if let Some(hasher) = sha256.as_mut() {
                hasher.update(&buf[..n_read]);
            }
            if let Some(hasher) = sha1.as_mut() {
                hasher.update(&buf[..n_read]);
            }
        }
    }
    let hash_check = |kind, expected: &Option<String>, actual: Option<String>| {
        let outcome = match (expected, actual) {
            (None, _) => CheckOutcome::Skipped {
                reason: NOT_IN_MANIFEST,
            },
            (Some(_), None) => CheckOutcome::Skipped {
                reason: SIZE_DIFFERS,
            },
            (Some(expected), Some(actual)) if *expected == actual => CheckOutcome::Passed,
            (Some(expected), Some(actual)) => CheckOutcome::Failed {
                expected: expected.clone(),
                actual,
            },
        };
        Check { kind, outcome }
    };
    let sha256_hex = sha256.filter(|_| size_ok).map(|h| hex(&h.finalize()));
    let sha1_hex = sha1.filter(|_| size_ok).map(|h| hex(&h.finalize()));
    checks.push(hash_check(CheckKind::Sha256, &entry.sha256, sha256_hex));
    checks.push(hash_check(CheckKind::Sha1, &entry.sha1, sha1_hex));
    Ok(VerifyReport { checks })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(size: u64, sha256: Option<&str>, sha1: Option<&str>) -> ModelEntry {
        ModelEntry {
            name: "t".into(),
            file: "ggml-t.bin".into(),
            size,
            sha256: sha256.map(str::to_string),
            sha1: sha1.map(str::to_string),
            note: String::new(),
        }
    }

    // Well-known digests of "abc".
    const ABC_SHA256: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    const ABC_SHA1: &str = "a9993e364706816aba3e25717850c26c9cd0d89d";

    fn file_with(bytes: &[u8]) -> tempfile::NamedTempFile {
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), bytes).unwrap();
        file
    }

    #[test]
    fn matching_file_passes_every_check() {
        let file = file_with(b"abc");
        let report = verify_file(file.path(), &entry(3, Some(ABC_SHA256), Some(ABC_SHA1))).unwrap();
        assert!(report.is_ok());
        assert_eq!(report.to_string(), "size ok, SHA-256 ok, SHA-1 ok");
    }

    #[test]
    fn missing_checksum_is_skipped_not_passed() {
        let file = file_with(b"abc");
        let report = verify_file(file.path(), &entry(3, Some(ABC_SHA256), None)).unwrap();
        assert!(report.is_ok());
        let skipped: Vec<CheckKind> = report.skipped().map(|c| c.kind).collect();
        assert_eq!(skipped, [CheckKind::Sha1]);
        assert!(report
            .to_string()
            .contains("SHA-1 skipped (not in the manifest)"));
    }

    #[test]
    fn one_changed_byte_fails_the_hash() {
        let file = file_with(b"abd");
        let report = verify_file(file.path(), &entry(3, Some(ABC_SHA256), Some(ABC_SHA1))).unwrap();
        let failure = report.first_failure().unwrap();
        assert_eq!(failure.kind, CheckKind::Sha256);
        assert_eq!(report.checks[2].kind, CheckKind::Sha1);
        assert!(matches!(
            report.checks[2].outcome,
            CheckOutcome::Failed { .. }
        ));
    }

    #[test]
    fn wrong_size_skips_hashing() {
        let file = file_with(b"abcd");
        let report = verify_file(file.path(), &entry(3, Some(ABC_SHA256), None)).unwrap();
        assert_eq!(report.first_failure().unwrap().kind, CheckKind::Size);
        assert_eq!(
            report.checks[1].outcome,
            CheckOutcome::Skipped {
                reason: SIZE_DIFFERS
            }
        );
    }
}
