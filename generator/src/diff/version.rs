//! The verdict as a version number: cargo's semver rules, including the pre-1.0 ones.

use super::Level;
use std::fmt;
use std::path::Path;

/// A plain `MAJOR.MINOR.PATCH` version (no pre-release or build metadata).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
}

impl Version {
    /// Parses `X.Y.Z`.
    ///
    /// # Errors
    /// What is wrong with `text`.
    pub fn parse(text: &str) -> Result<Version, String> {
        let parts: Vec<&str> = text.trim().split('.').collect();
        let nums: Option<Vec<u64>> = parts.iter().map(|p| p.parse().ok()).collect();
        match nums.as_deref() {
            Some([major, minor, patch]) => Ok(Version {
                major: *major,
                minor: *minor,
                patch: *patch,
            }),
            _ => Err(format!(
                "`{text}` is not a version of the form MAJOR.MINOR.PATCH (e.g. 0.1.0)"
            )),
        }
    }

    /// The next version for changes of `level`, by cargo's semver rules: cargo treats the
    /// left-most non-zero number as the major one, so
    ///
    /// | version | major (breaking) | minor (behaviour, additive) | patch (none) |
    /// |---|---|---|---|
    /// | `X.Y.Z`, X ≥ 1 | `X+1.0.0` | `X.Y+1.0` | `X.Y.Z+1` |
    /// | `0.Y.Z`, Y ≥ 1 | `0.Y+1.0` | `0.Y.Z+1` | `0.Y.Z+1` |
    /// | `0.0.Z` | `0.0.Z+1` | `0.0.Z+1` | `0.0.Z+1` |
    ///
    /// Before 1.0 there is no number left for "compatible additions" apart from the patch one:
    /// `0.1.0` → `0.1.1` is what lets `api-clients = "0.1"` users get an additive change, and a
    /// breaking change must move to `0.2.0` so they do not get it by `cargo update`.
    pub fn bump(self, level: Level) -> Version {
        let Version {
            major,
            minor,
            patch,
        } = self;
        match (major, minor, level) {
            (0, 0, _) => Version {
                patch: patch + 1,
                ..self
            },
            (0, _, Level::Major) => Version {
                minor: minor + 1,
                patch: 0,
                ..self
            },
            (0, _, _) => Version {
                patch: patch + 1,
                ..self
            },
            (_, _, Level::Major) => Version {
                major: major + 1,
                minor: 0,
                patch: 0,
            },
            (_, _, Level::Minor) => Version {
                minor: minor + 1,
                patch: 0,
                ..self
            },
            (_, _, Level::Patch) => Version {
                patch: patch + 1,
                ..self
            },
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// The `[package]` version of a `Cargo.toml`, if the file exists and states one literally
/// (`version = "0.1.0"`; not `version.workspace = true`).
///
/// # Errors
/// The file exists but cannot be read, or its version is not `X.Y.Z`.
pub fn read_package_version(cargo_toml: &Path) -> Result<Option<Version>, String> {
    let text = match std::fs::read_to_string(cargo_toml) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("cannot read {}: {e}", cargo_toml.display())),
    };
    let mut in_package = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_package = line == "[package]";
            continue;
        }
        if !in_package {
            continue;
        }
        let Some(rest) = line.strip_prefix("version") else {
            continue;
        };
        let Some(value) = rest.trim_start().strip_prefix('=') else {
            continue;
        };
        let value = value.split('#').next().unwrap_or("").trim();
        let Some(value) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) else {
            continue;
        };
        return Version::parse(value)
            .map(Some)
            .map_err(|e| format!("{}: {e}", cargo_toml.display()));
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bump(v: &str, level: Level) -> String {
        Version::parse(v).unwrap().bump(level).to_string()
    }

    #[test]
    fn bumps_follow_cargo_semver() {
        assert_eq!(bump("1.4.2", Level::Major), "2.0.0");
        assert_eq!(bump("1.4.2", Level::Minor), "1.5.0");
        assert_eq!(bump("1.4.2", Level::Patch), "1.4.3");
        assert_eq!(bump("0.1.0", Level::Major), "0.2.0");
        assert_eq!(bump("0.1.3", Level::Minor), "0.1.4");
        assert_eq!(bump("0.1.3", Level::Patch), "0.1.4");
        assert_eq!(bump("0.0.7", Level::Major), "0.0.8");
    }

    #[test]
    fn parses_only_plain_versions() {
        assert!(Version::parse("0.1").is_err());
        assert!(Version::parse("0.1.0-beta").is_err());
        assert_eq!(Version::parse(" 2.0.1 ").unwrap().to_string(), "2.0.1");
    }

    #[test]
    fn reads_the_package_version() {
        let dir =
            std::env::temp_dir().join(format!("generator-diff-version-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let toml = dir.join("Cargo.toml");
        std::fs::write(
            &toml,
            "[workspace]\nversion = \"9.9.9\"\n\n[package]\nname = \"x\"\nversion = \"0.3.1\" # c\n",
        )
        .unwrap();
        assert_eq!(
            read_package_version(&toml).unwrap().unwrap().to_string(),
            "0.3.1"
        );
        std::fs::write(&toml, "[package]\nversion.workspace = true\n").unwrap();
        assert_eq!(read_package_version(&toml).unwrap(), None);
        assert_eq!(
            read_package_version(&dir.join("missing.toml")).unwrap(),
            None
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
