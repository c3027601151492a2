//! People as commands show them: briefs for lists and pages, names, and the zone a
//! stored IANA name stands for.

use mentordesk_db::appointments::PersonRecord;
use mentordesk_shared::ids::UserId;
use mentordesk_shared::sessions::PersonBrief;

pub(crate) fn brief(p: &PersonRecord, photo: Option<String>) -> PersonBrief {
    PersonBrief {
        user_id: p.id,
        name: p.name(),
        photo,
        time_zone: p.time_zone.clone(),
    }
}

/// `id` as lists show them (no photo), from the people read for the list; "Someone" if
/// the account is gone.
pub(crate) fn person_in(people: &[PersonRecord], id: UserId) -> PersonBrief {
    match people.iter().find(|p| p.id == id) {
        Some(p) => brief(p, None),
        None => PersonBrief {
            user_id: id,
            name: "Someone".into(),
            photo: None,
            time_zone: "UTC".into(),
        },
    }
}

/// `id`'s name from the people read for a list; "Someone" if the account is gone.
pub(crate) fn name_of(people: &[PersonRecord], id: UserId) -> String {
    people
        .iter()
        .find(|p| p.id == id)
        .map(PersonRecord::name)
        .unwrap_or_else(|| "Someone".into())
}

/// The zone a stored IANA name stands for (UTC if it is not one).
pub(crate) fn zone(name: &str) -> chrono_tz::Tz {
    name.parse().unwrap_or(chrono_tz::UTC)
}
