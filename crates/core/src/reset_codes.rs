//! One-time password-reset codes (seed 002's token + expiry).
//!
//! A code is 60 random bits in Crockford base32, shown as `XXXX-XXXX-XXXX`. Only its
//! SHA-256 is stored: with that much entropy, a 24-hour life, single use and sign-in
//! style throttling, a slow hash would add nothing.

use chrono::Duration;
use rand::Rng;
use sha2::{Digest, Sha256};

pub const VALID_FOR_HOURS: i64 = 24;
/// How long the set-password code of an imported account lasts: long enough for the
/// admin to hand the codes out (an admin can always issue a fresh reset code).
pub const SET_PASSWORD_VALID_FOR_DAYS: i64 = 14;
pub(crate) const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

pub fn validity() -> Duration {
    Duration::hours(VALID_FOR_HOURS)
}

/// How long an imported account's set-password code lasts. It is a reset code like any
/// other (stored as a digest, single use, redeemed with `accounts_reset_with_code`).
pub fn set_password_validity() -> Duration {
    Duration::days(SET_PASSWORD_VALID_FOR_DAYS)
}

/// A fresh code for the admin to hand over.
pub fn generate() -> String {
    let mut rng = rand::thread_rng();
    let chars: Vec<char> = (0..12)
        .map(|_| ALPHABET[rng.gen_range(0..32)] as char)
        .collect();
    format!(
        "{}-{}-{}",
        chars[0..4].iter().collect::<String>(),
        chars[4..8].iter().collect::<String>(),
        chars[8..12].iter().collect::<String>()
    )
}

/// Normalises what a person typed: case, spaces, dashes and the look-alikes O/I/L.
pub fn normalise(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .collect()
}

/// The stored form of a code.
pub fn digest(code: &str) -> String {
    crate::imports::hex(&Sha256::digest(normalise(code).as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_readable_and_unique() {
        let a = generate();
        assert_eq!(a.len(), 14);
        assert_eq!(a.matches('-').count(), 2);
        assert_ne!(a, generate());
    }

    #[test]
    fn typing_variations_give_the_same_digest() {
        let code = "AB0C-1DEF-GH23";
        assert_eq!(digest(code), digest("ab0c 1def gh23"));
        assert_eq!(digest(code), digest("ABOC-IDEF-GH23"));
        assert_ne!(digest(code), digest("AB0C-1DEF-GH24"));
        // SHA-256 of "AB0C1DEFGH23", in lower-case hex.
        let expected: String = Sha256::digest(b"AB0C1DEFGH23")
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(digest(code), expected);
    }

    #[test]
    fn set_password_codes_last_two_weeks() {
        assert_eq!(set_password_validity(), Duration::days(14));
        assert!(set_password_validity() > validity());
    }
}
