//! Password hashing (argon2id, OWASP parameters) and the common-password list.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use mentordesk_shared::ApiError;
use rand::rngs::OsRng;
use std::collections::HashSet;
use std::sync::OnceLock;

/// OWASP's minimum for argon2id: 19 MiB of memory, two passes, one lane.
pub const MEMORY_KIB: u32 = 19 * 1024;
pub const ITERATIONS: u32 = 2;
pub const PARALLELISM: u32 = 1;

const COMMON_PASSWORDS: &str = include_str!("../data/common-passwords.txt");

fn argon2() -> Argon2<'static> {
    let params = Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, None)
        .expect("the OWASP parameters are within argon2's limits");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A PHC-format argon2id hash (`$argon2id$v=19$m=19456,t=2,p=1$…`). CPU-heavy: call off the async runtime.
pub fn hash(password: &str) -> Result<String, ApiError> {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ApiError::internal(format!("Could not hash the password: {e}")))
}

/// Whether `password` matches the stored hash. A malformed hash never matches.
pub fn verify(password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => argon2()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// What an account without a password stores (an imported account until its owner
/// redeems their set-password code): no hash, so [`verify`] never matches it.
pub const UNSET: &str = "";

/// Whether the stored hash is [`UNSET`]: the account has no password yet.
pub fn is_unset(stored: &str) -> bool {
    stored == UNSET
}

/// Burns the time of one verification, so an unknown e-mail answers as slowly as a wrong password.
pub fn verify_against_nothing(password: &str) {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let dummy = DUMMY.get_or_init(|| hash("mentordesk-timing-equaliser").unwrap_or_default());
    let _ = verify(password, dummy);
}

fn common_set() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        COMMON_PASSWORDS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .map(str::to_lowercase)
            .collect()
    })
}

/// Whether the password is among the 3,000 most common ones (ignoring case).
pub fn is_common(password: &str) -> bool {
    common_set().contains(&password.to_lowercase())
}

/// How many passwords the shipped list holds.
pub fn common_list_len() -> usize {
    common_set().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_with_owasp_parameters() {
        let h = hash("a long enough passphrase").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify("a long enough passphrase", &h));
        assert!(!verify("a long enough passphrasf", &h));
    }

    #[test]
    fn same_password_gets_different_salts() {
        assert_ne!(
            hash("same password").unwrap(),
            hash("same password").unwrap()
        );
    }

    #[test]
    fn malformed_hash_never_matches() {
        assert!(!verify("anything", "not a hash"));
    }

    #[test]
    fn an_unset_password_never_matches_anything() {
        assert!(is_unset(UNSET));
        for attempt in ["", " ", "violet harbour lamp", "$argon2id$"] {
            assert!(!verify(attempt, UNSET), "{attempt:?}");
        }
        assert!(!is_unset(&hash("a long enough passphrase").unwrap()));
    }

    #[test]
    fn the_list_holds_three_thousand_passwords() {
        assert_eq!(common_list_len(), 3000);
        assert!(is_common("123456"));
        assert!(is_common("Dragon"));
        assert!(!is_common("violet harbour lamp"));
    }
}
