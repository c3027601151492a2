//! Calendar files (RFC 5545) for sessions and appointments.
//!
//! Events are built with the `icalendar` crate. That crate has no way to build a
//! `VTIMEZONE`, so this module writes those from chrono-tz's rules: one observance
//! per offset change in the years the events span, each as its own `DTSTART`
//! (valid RFC 5545, and exact for any zone, including half-hour shifts such as
//! Lord Howe's). Times are written as local times with `TZID`, so calendar apps
//! show them in the zone they were booked in and keep them right across DST.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::{OffsetComponents, Tz};
use icalendar::{Calendar, CalendarDateTime, Component, EventLike, EventStatus, Property};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub email: String,
}

/// RFC 5545 `PARTSTAT` values Mentordesk uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartStat {
    NeedsAction,
    Accepted,
    Declined,
}

impl PartStat {
    fn as_str(self) -> &'static str {
        match self {
            PartStat::NeedsAction => "NEEDS-ACTION",
            PartStat::Accepted => "ACCEPTED",
            PartStat::Declined => "DECLINED",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Tentative,
    Confirmed,
    Cancelled,
}

#[derive(Debug, Clone)]
pub struct Event {
    /// Stable across exports, so calendar apps update rather than duplicate.
    pub uid: String,
    /// Increases with every change of time or status.
    pub sequence: u32,
    pub summary: String,
    pub description: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// The zone the event's times are written in.
    pub zone: Tz,
    pub status: Status,
    pub organizer: Person,
    pub attendees: Vec<(Person, PartStat)>,
    pub meeting_link: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One calendar file holding `events`, with a `VTIMEZONE` for every zone they use.
pub fn calendar(name: &str, events: &[Event], now: DateTime<Utc>) -> String {
    let mut cal = Calendar::new();
    cal.name(name);
    cal.append_property(Property::new("METHOD", "PUBLISH"));
    for e in events {
        let (starts, ends) = event_times(e);
        let mut ev = icalendar::Event::new();
        ev.uid(&e.uid)
            .sequence(e.sequence)
            .timestamp(now)
            .summary(&e.summary)
            .starts(starts)
            .ends(ends)
            .status(match e.status {
                Status::Tentative => EventStatus::Tentative,
                Status::Confirmed => EventStatus::Confirmed,
                Status::Cancelled => EventStatus::Cancelled,
            })
            .append_property(Property::new("CREATED", utc_stamp(e.created_at)))
            .append_property(Property::new("LAST-MODIFIED", utc_stamp(e.updated_at)))
            .append_property(
                Property::new("ORGANIZER", format!("mailto:{}", e.organizer.email))
                    .add_parameter("CN", &parameter_value(&e.organizer.name))
                    .done(),
            );
        if !e.description.is_empty() {
            ev.description(&e.description);
        }
        if !e.meeting_link.is_empty() {
            ev.location(&e.meeting_link).url(&e.meeting_link);
        }
        for (person, partstat) in &e.attendees {
            ev.append_multi_property(
                Property::new("ATTENDEE", format!("mailto:{}", person.email))
                    .add_parameter("CN", &parameter_value(&person.name))
                    .add_parameter("ROLE", "REQ-PARTICIPANT")
                    .add_parameter("PARTSTAT", partstat.as_str())
                    .done(),
            );
        }
        cal.push(ev.done());
    }
    let text = cal.done().to_string();
    splice_timezones(&text, &timezones(events))
}

/// An event's start and end: local times with `TZID` when both read back as exactly
/// their instants, otherwise both in UTC. A time in a repeated (fall-back) hour names two
/// instants, and calendars read it as the first one (RFC 5545 §3.3.5), so an event that
/// starts or ends in a repeated hour is written in UTC, start and end alike.
fn event_times(e: &Event) -> (CalendarDateTime, CalendarDateTime) {
    let local = |at: DateTime<Utc>| crate::local_time::naive_local(e.zone, at);
    let exact = |at: DateTime<Utc>| {
        e.zone
            .from_local_datetime(&local(at))
            .single()
            .is_some_and(|t| t.with_timezone(&Utc) == at)
    };
    if exact(e.starts_at) && exact(e.ends_at) {
        let zoned = |at| CalendarDateTime::WithTimezone {
            date_time: local(at),
            tzid: e.zone.name().to_string(),
        };
        (zoned(e.starts_at), zoned(e.ends_at))
    } else {
        (
            CalendarDateTime::Utc(e.starts_at),
            CalendarDateTime::Utc(e.ends_at),
        )
    }
}

/// A parameter value (such as a person's name in `CN`) as RFC 5545 §3.2 and RFC 6868
/// allow it: `^`, `"` and line breaks caret-encoded, other control characters turned
/// into spaces, and quoted when it holds `,`, `;` or `:`. The `icalendar` crate quotes
/// values holding `;` or `:` itself but leaves `,` bare, so only that case is quoted here
/// (a test reads the result back with an independent parser).
fn parameter_value(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '^' => out.push_str("^^"),
            '"' => out.push_str("^'"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("^n");
            }
            '\n' => out.push_str("^n"),
            '\t' => out.push('\t'),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    if out.contains(',') && !out.contains([';', ':']) {
        format!("\"{out}\"")
    } else {
        out
    }
}

fn utc_stamp(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// `VTIMEZONE` blocks for the zones `events` use, covering the years they span.
fn timezones(events: &[Event]) -> String {
    let mut zones: Vec<Tz> = events.iter().map(|e| e.zone).collect();
    zones.sort_by_key(|z| z.name());
    zones.dedup();
    let mut out = String::new();
    for zone in zones {
        let years = events
            .iter()
            .filter(|e| e.zone == zone)
            .flat_map(|e| [e.starts_at.year(), e.ends_at.year()]);
        let (first, last) = years.fold((i32::MAX, i32::MIN), |(lo, hi), y| (lo.min(y), hi.max(y)));
        out.push_str(&vtimezone(zone, first, last));
    }
    out
}

/// A zone's observances from 1 January of `first_year` to the end of `last_year`.
pub fn vtimezone(tz: Tz, first_year: i32, last_year: i32) -> String {
    let from = Utc
        .with_ymd_and_hms(first_year, 1, 1, 0, 0, 0)
        .single()
        .expect("1 January exists");
    let to = Utc
        .with_ymd_and_hms(last_year + 1, 1, 1, 0, 0, 0)
        .single()
        .expect("1 January exists");
    let mut lines = vec!["BEGIN:VTIMEZONE".to_string(), format!("TZID:{}", tz.name())];
    let spans = crate::local_time::offset_spans(tz, from, to);
    // The observance in force at the start of the range, then one per change.
    let initial = spans.first().map_or(0, |s| s.offset);
    lines.extend(observance(tz, from, initial, initial));
    for pair in spans.windows(2) {
        lines.extend(observance(
            tz,
            pair[1].start,
            pair[0].offset,
            pair[1].offset,
        ));
    }
    lines.push("END:VTIMEZONE".to_string());
    lines.join("\r\n") + "\r\n"
}

fn observance(tz: Tz, at: DateTime<Utc>, from: i32, to: i32) -> Vec<String> {
    let local = tz.offset_from_utc_datetime(&at.naive_utc());
    let kind = if local.dst_offset().num_seconds() != 0 {
        "DAYLIGHT"
    } else {
        "STANDARD"
    };
    // DTSTART is the onset in the local time that was in force before it.
    let onset: NaiveDateTime = at.naive_utc() + Duration::seconds(i64::from(from));
    let name = at.with_timezone(&tz).format("%Z").to_string();
    vec![
        format!("BEGIN:{kind}"),
        format!("DTSTART:{}", onset.format("%Y%m%dT%H%M%S")),
        format!("TZOFFSETFROM:{}", offset_text(from)),
        format!("TZOFFSETTO:{}", offset_text(to)),
        format!("TZNAME:{name}"),
        format!("END:{kind}"),
    ]
}

fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    format!("{sign}{:02}{:02}", s / 3600, (s % 3600) / 60)
}

/// Puts the `VTIMEZONE` blocks after the calendar's own properties, before its events.
fn splice_timezones(calendar: &str, zones: &str) -> String {
    match calendar.find("BEGIN:VEVENT") {
        Some(pos) => format!("{}{}{}", &calendar[..pos], zones, &calendar[pos..]),
        None => calendar.replacen("END:VCALENDAR", &format!("{zones}END:VCALENDAR"), 1),
    }
}

/// A file name for a calendar export: letters, digits and dashes only.
pub fn file_name(title: &str, date: NaiveDate) -> String {
    let mut slug: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    while slug.contains("--") {
        slug = slug.replace("--", "-");
    }
    let slug: String = slug.trim_matches('-').chars().take(40).collect();
    let slug = if slug.is_empty() {
        "event".to_string()
    } else {
        slug
    };
    format!("{}-{slug}.ics", date.format("%Y-%m-%d"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use icalendar::parser::{read_calendar, unfold};

    fn event(zone: &str, start: DateTime<Utc>, status: Status, sequence: u32) -> Event {
        Event {
            uid: "5f0c3b2e@mentordesk".into(),
            sequence,
            summary: "Career chat, part 2".into(),
            description: "Agenda: CV; interviews".into(),
            starts_at: start,
            ends_at: start + Duration::hours(1),
            zone: zone.parse().unwrap(),
            status,
            organizer: Person {
                name: "Ana Mentor".into(),
                email: "ana@example.com".into(),
            },
            attendees: vec![(
                Person {
                    name: "Ben Mentee".into(),
                    email: "ben@example.com".into(),
                },
                PartStat::Accepted,
            )],
            meeting_link: "https://meet.example.com/abc".into(),
            created_at: start - Duration::days(3),
            updated_at: start - Duration::days(1),
        }
    }

    #[test]
    fn an_event_carries_zone_data_people_status_and_sequence() {
        let start = Utc.with_ymd_and_hms(2027, 3, 29, 8, 0, 0).unwrap(); // 09:00 BST
        let text = calendar(
            "Mentordesk",
            &[event("Europe/London", start, Status::Cancelled, 3)],
            start,
        );
        let unfolded = unfold(&text);
        let parsed = read_calendar(&unfolded).expect("a valid calendar");
        let names: Vec<String> = parsed
            .components
            .iter()
            .map(|c| c.name.to_string())
            .collect();
        assert_eq!(names, vec!["VTIMEZONE", "VEVENT"], "{text}");
        assert!(
            text.contains("DTSTART;TZID=Europe/London:20270329T090000"),
            "{text}"
        );
        assert!(text.contains("DTEND;TZID=Europe/London:20270329T100000"));
        assert!(text.contains("SEQUENCE:3"));
        assert!(text.contains("STATUS:CANCELLED"));
        assert!(text.contains("ORGANIZER;CN=Ana Mentor:mailto:ana@example.com"));
        assert!(unfolded.contains("PARTSTAT=ACCEPTED"));
        assert!(text.contains("SUMMARY:Career chat\\, part 2"));
        // The spring-forward onset of 2027: 01:00 GMT becomes 02:00 BST.
        assert!(text.contains("BEGIN:DAYLIGHT\r\nDTSTART:20270328T010000\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nTZNAME:BST"), "{text}");
        assert!(text.contains("BEGIN:STANDARD\r\nDTSTART:20271031T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000"), "{text}");
        assert!(text.contains("METHOD:PUBLISH"));
    }

    #[test]
    fn half_hour_shifts_and_zones_without_dst() {
        let z = vtimezone("Australia/Lord_Howe".parse().unwrap(), 2027, 2027);
        // Lord Howe moves between +10:30 and +11:00.
        assert!(z.contains("TZOFFSETFROM:+1100\r\nTZOFFSETTO:+1030"), "{z}");
        assert!(z.contains("TZOFFSETFROM:+1030\r\nTZOFFSETTO:+1100"), "{z}");
        let k = vtimezone("Asia/Kolkata".parse().unwrap(), 2027, 2027);
        assert_eq!(k.matches("BEGIN:STANDARD").count(), 1);
        assert!(k.contains("TZOFFSETTO:+0530"));
        let s = vtimezone("America/Santiago".parse().unwrap(), 2027, 2027);
        assert!(s.contains("TZOFFSETFROM:-0300\r\nTZOFFSETTO:-0400"), "{s}");
    }

    #[test]
    fn one_file_holds_many_events_and_one_zone_block_per_zone() {
        let start = Utc.with_ymd_and_hms(2027, 5, 3, 8, 0, 0).unwrap();
        let mut second = event(
            "Europe/London",
            start + Duration::days(7),
            Status::Confirmed,
            0,
        );
        second.uid = "other@mentordesk".into();
        let third = event(
            "Asia/Kolkata",
            start + Duration::days(8),
            Status::Tentative,
            1,
        );
        let text = calendar(
            "All sessions",
            &[
                event("Europe/London", start, Status::Confirmed, 0),
                second,
                third,
            ],
            start,
        );
        assert_eq!(text.matches("BEGIN:VEVENT").count(), 3);
        assert_eq!(text.matches("BEGIN:VTIMEZONE").count(), 2);
        assert!(text.contains("STATUS:TENTATIVE"));
    }

    /// Reads a calendar file back with an independent parser (Stalwart's `calcard`,
    /// which resolves `TZID` times itself): each event's start and end as instants.
    fn read_back(text: &str) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
        let parsed = calcard::icalendar::ICalendar::parse(text).expect("calcard reads it");
        let expanded = parsed.expand_dates(calcard::common::timezone::Tz::UTC, 1000);
        assert!(
            expanded.errors.is_empty(),
            "unreadable times {:?} in\n{text}",
            expanded.errors
        );
        let mut out: Vec<(DateTime<Utc>, DateTime<Utc>)> = expanded
            .events
            .iter()
            .map(|e| {
                let (start, end) = e.timestamps();
                (
                    DateTime::from_timestamp(start, 0).unwrap(),
                    DateTime::from_timestamp(end, 0).unwrap(),
                )
            })
            .collect();
        out.sort();
        out
    }

    /// Events every quarter hour across a zone's fall-back, each read back exactly.
    fn across_the_repeated_hour(zone: &str, change: DateTime<Utc>) -> String {
        let mut events = Vec::new();
        let mut start = change - Duration::hours(3);
        while start < change + Duration::hours(3) {
            for minutes in [30, 60] {
                let mut e = event(zone, start, Status::Confirmed, 0);
                e.uid = format!("{}-{minutes}@mentordesk", start.timestamp());
                e.ends_at = start + Duration::minutes(minutes);
                events.push(e);
            }
            start += Duration::minutes(15);
        }
        let text = calendar("Sessions", &events, change);
        let mut expected: Vec<(DateTime<Utc>, DateTime<Utc>)> =
            events.iter().map(|e| (e.starts_at, e.ends_at)).collect();
        expected.sort();
        assert_eq!(read_back(&text), expected, "{zone}:\n{text}");
        text
    }

    #[test]
    fn a_session_in_the_repeated_hour_reads_back_as_its_own_instant() {
        // London falls back at 02:00 BST on 31 October 2027: 01:00–02:00 happens twice.
        let text = across_the_repeated_hour(
            "Europe/London",
            Utc.with_ymd_and_hms(2027, 10, 31, 1, 0, 0).unwrap(),
        );
        // The second 01:30 (GMT) is 01:30 UTC; written as 01:30 London it would read as 00:30 UTC.
        assert!(
            !text.contains("DTSTART;TZID=Europe/London:20271031T013000"),
            "{text}"
        );
        assert!(text.contains("DTSTART:20271031T013000Z"), "{text}");
        // Times away from the change keep the zone, so calendars show them as booked.
        assert!(
            text.contains("DTSTART;TZID=Europe/London:20271030T230000"),
            "{text}"
        );
        // Santiago falls back at midnight (Saturday 23:00–24:00 repeats).
        across_the_repeated_hour(
            "America/Santiago",
            Utc.with_ymd_and_hms(2027, 4, 4, 3, 0, 0).unwrap(),
        );
        // Lord Howe falls back by half an hour at 02:00 (01:30–02:00 repeats).
        across_the_repeated_hour(
            "Australia/Lord_Howe",
            Utc.with_ymd_and_hms(2027, 4, 3, 15, 0, 0).unwrap(),
        );
        // And across the spring-forward gaps, where every time is unambiguous.
        across_the_repeated_hour(
            "Europe/London",
            Utc.with_ymd_and_hms(2027, 3, 28, 1, 0, 0).unwrap(),
        );
        across_the_repeated_hour(
            "Australia/Lord_Howe",
            Utc.with_ymd_and_hms(2026, 10, 3, 15, 30, 0).unwrap(),
        );
    }

    /// RFC 6868's caret decoding, which `calcard` leaves to its caller.
    fn caret_decode(value: &str) -> String {
        let mut out = String::new();
        let mut chars = value.chars();
        while let Some(c) = chars.next() {
            if c != '^' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('\'') => out.push('"'),
                Some('^') => out.push('^'),
                Some(other) => {
                    out.push('^');
                    out.push(other);
                }
                None => out.push('^'),
            }
        }
        out
    }

    #[test]
    fn names_with_quotes_separators_and_line_breaks_survive_a_strict_reader() {
        let names = [
            "Ana \"Nan\" Mentor",
            "Dr. Who; the Second",
            "Okafor, Tom",
            "Ben: the mentee",
            "Two\nLines",
            "Zoë Åström-Núñez",
            "李 小龙",
            "Caret ^ and \"all\", of; them: here",
        ];
        let start = Utc.with_ymd_and_hms(2027, 5, 3, 8, 0, 0).unwrap();
        let mut e = event("Europe/London", start, Status::Confirmed, 0);
        e.organizer.name = names[0].into();
        e.attendees = names
            .iter()
            .enumerate()
            .map(|(i, name)| {
                (
                    Person {
                        name: (*name).into(),
                        email: format!("p{i}@example.com"),
                    },
                    PartStat::NeedsAction,
                )
            })
            .collect();
        let text = calendar("Sessions", &[e], start);
        // The crate's own strict reader takes the whole file.
        read_calendar(&unfold(&text)).expect("a valid calendar");
        // An independent reader finds every attendee, with their names intact.
        let parsed = calcard::icalendar::ICalendar::parse(&text).expect("calcard reads it");
        let event = parsed
            .components
            .iter()
            .find(|c| c.component_type == calcard::icalendar::ICalendarComponentType::VEvent)
            .expect("an event");
        let common_name = |entry: &calcard::icalendar::ICalendarEntry| {
            entry.params.iter().find_map(|p| match (&p.name, &p.value) {
                (
                    calcard::icalendar::ICalendarParameterName::Cn,
                    calcard::icalendar::ICalendarParameterValue::Text(t),
                ) => Some(caret_decode(t)),
                _ => None,
            })
        };
        let attendees: Vec<String> = event
            .entries
            .iter()
            .filter(|e| e.name == calcard::icalendar::ICalendarProperty::Attendee)
            .filter_map(common_name)
            .collect();
        assert_eq!(attendees, names, "{text}");
        let organizer: Vec<String> = event
            .entries
            .iter()
            .filter(|e| e.name == calcard::icalendar::ICalendarProperty::Organizer)
            .filter_map(common_name)
            .collect();
        assert_eq!(organizer, [names[0]], "{text}");
    }

    #[test]
    fn file_names_are_safe() {
        let d = NaiveDate::from_ymd_opt(2027, 1, 5).unwrap();
        assert_eq!(
            file_name("Career chat: part 2/3", d),
            "2027-01-05-career-chat-part-2-3.ics"
        );
        assert_eq!(file_name("///", d), "2027-01-05-event.ics");
    }
}
