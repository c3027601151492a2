//! One event per thing that happened. Commands record them in their own transaction;
//! the notification centre, native notifications, reminders and the tray all follow
//! from the same events (and later e-mail and calendar sync subscribe to them too).
//!
//! This module says *who* hears of an event and as *what*; the words are put together
//! where the names, titles and time zones are known.

use mentordesk_shared::conversations::{NotificationKind, Subject};
use mentordesk_shared::ids::*;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A mentee asked for a session.
    SessionRequested {
        session: SessionId,
        mentor: UserId,
        mentee: UserId,
    },
    /// A mentor offered a session.
    SessionProposed {
        session: SessionId,
        mentor: UserId,
        mentee: UserId,
    },
    /// `by` accepted: the session is confirmed.
    SessionConfirmed {
        session: SessionId,
        by: UserId,
        other: UserId,
    },
    SessionDeclined {
        session: SessionId,
        by: UserId,
        other: UserId,
    },
    SessionCancelled {
        session: SessionId,
        by: UserId,
        other: UserId,
    },
    /// `by` proposed a new time (or moved a pending request at once).
    RescheduleProposed {
        session: SessionId,
        by: UserId,
        other: UserId,
    },
    RescheduleAnswered {
        session: SessionId,
        by: UserId,
        other: UserId,
        accepted: bool,
    },
    /// Completed or marked no-show: reminders no longer matter, nobody is told.
    SessionEnded {
        session: SessionId,
    },
    AppointmentScheduled {
        appointment: AppointmentId,
        organiser: UserId,
        attendees: Vec<UserId>,
    },
    /// An attendee answered; only their reminders change.
    AppointmentAnswered {
        appointment: AppointmentId,
        attendee: UserId,
    },
    AppointmentCancelled {
        appointment: AppointmentId,
        organiser: UserId,
        attendees: Vec<UserId>,
    },
    ApplicationDecided {
        application: ApplicationId,
        applicant: UserId,
    },
    ConnectionRequested {
        from: UserId,
        to: UserId,
    },
    ConnectionAccepted {
        by: UserId,
        requester: UserId,
    },
    MessageSent {
        conversation: ConversationId,
        sender: UserId,
        recipients: Vec<UserId>,
    },
    ActionItemDue {
        session: SessionId,
        assignee: UserId,
    },
    /// A manager approved or declined someone's application to a programme.
    ProgrammeApplicationDecided {
        programme: ProgrammeId,
        applicant: UserId,
    },
    /// A match waits for approval: the programme's managers hear of it.
    MatchProposed {
        programme: ProgrammeId,
        managers: Vec<UserId>,
    },
    /// A match was approved, rejected or ended: the pair hears of it.
    MatchDecided {
        programme: ProgrammeId,
        mentor: UserId,
        mentee: UserId,
    },
    /// A manager or admin approved `recipient`'s certificate: they hear of it.
    CertificateApproved {
        certificate: CertificateId,
        programme: ProgrammeId,
        recipient: UserId,
    },
    /// An approved certificate was revoked: its recipient hears of it. (One revoked before
    /// approval was never theirs to see, and nobody is told.)
    CertificateRevoked {
        certificate: CertificateId,
        programme: ProgrammeId,
        recipient: UserId,
    },
    /// `by` replied to a forum thread `author` started.
    ForumReplied {
        thread: ThreadId,
        author: UserId,
        by: UserId,
    },
}

impl Event {
    /// Who is notified, and as which kind. The person who acted never is.
    pub fn notify(&self) -> Vec<(UserId, NotificationKind)> {
        use NotificationKind as K;
        match self {
            Event::SessionRequested { mentor, .. } => vec![(*mentor, K::BookingRequest)],
            Event::SessionProposed { mentee, .. } => vec![(*mentee, K::SessionProposed)],
            Event::SessionConfirmed { other, .. } => vec![(*other, K::SessionConfirmed)],
            Event::SessionDeclined { other, .. } => vec![(*other, K::SessionDeclined)],
            Event::SessionCancelled { other, .. } => vec![(*other, K::SessionCancelled)],
            Event::RescheduleProposed { other, .. } => vec![(*other, K::RescheduleProposed)],
            Event::RescheduleAnswered { other, .. } => vec![(*other, K::RescheduleAnswered)],
            Event::SessionEnded { .. } | Event::AppointmentAnswered { .. } => Vec::new(),
            Event::AppointmentScheduled { attendees, .. } => attendees
                .iter()
                .map(|a| (*a, K::AppointmentInvitation))
                .collect(),
            Event::AppointmentCancelled { attendees, .. } => attendees
                .iter()
                .map(|a| (*a, K::AppointmentCancelled))
                .collect(),
            Event::ApplicationDecided { applicant, .. } => {
                vec![(*applicant, K::ApplicationDecided)]
            }
            Event::ConnectionRequested { to, .. } => vec![(*to, K::ConnectionRequest)],
            Event::ConnectionAccepted { requester, .. } => {
                vec![(*requester, K::ConnectionAccepted)]
            }
            Event::MessageSent { recipients, .. } => recipients
                .iter()
                .map(|r| (*r, K::MessageReceived))
                .collect(),
            Event::ActionItemDue { assignee, .. } => vec![(*assignee, K::ActionItemDue)],
            Event::ForumReplied { author, by, .. } if author != by => {
                vec![(*author, K::ForumReply)]
            }
            Event::ForumReplied { .. } => Vec::new(),
            Event::ProgrammeApplicationDecided { applicant, .. } => {
                vec![(*applicant, K::ProgrammeDecision)]
            }
            Event::MatchProposed { managers, .. } => {
                managers.iter().map(|m| (*m, K::MatchUpdate)).collect()
            }
            Event::MatchDecided { mentor, mentee, .. } => {
                vec![(*mentor, K::MatchUpdate), (*mentee, K::MatchUpdate)]
            }
            Event::CertificateApproved { recipient, .. }
            | Event::CertificateRevoked { recipient, .. } => {
                vec![(*recipient, K::CertificateUpdate)]
            }
        }
    }

    /// What opening the notification shows.
    pub fn subject(&self) -> Subject {
        match self {
            Event::SessionRequested { session, .. }
            | Event::SessionProposed { session, .. }
            | Event::SessionConfirmed { session, .. }
            | Event::SessionDeclined { session, .. }
            | Event::SessionCancelled { session, .. }
            | Event::RescheduleProposed { session, .. }
            | Event::RescheduleAnswered { session, .. }
            | Event::SessionEnded { session }
            | Event::ActionItemDue { session, .. } => Subject::Session(*session),
            Event::AppointmentScheduled { appointment, .. }
            | Event::AppointmentAnswered { appointment, .. }
            | Event::AppointmentCancelled { appointment, .. } => Subject::Appointment(*appointment),
            Event::ApplicationDecided { application, .. } => Subject::Application(*application),
            Event::ConnectionRequested { from, .. } => Subject::Person(*from),
            Event::ConnectionAccepted { by, .. } => Subject::Person(*by),
            Event::MessageSent { conversation, .. } => Subject::Conversation(*conversation),
            Event::ForumReplied { thread, .. } => Subject::Thread(*thread),
            Event::ProgrammeApplicationDecided { programme, .. }
            | Event::MatchProposed { programme, .. }
            | Event::MatchDecided { programme, .. } => Subject::Programme(*programme),
            // The programme page: the recipient is (or was) one of its mentees.
            Event::CertificateApproved { programme, .. }
            | Event::CertificateRevoked { programme, .. } => Subject::Programme(*programme),
        }
    }

    /// The session or appointment whose reminders must be planned again, if any.
    pub fn reschedules(&self) -> Option<Subject> {
        match self {
            Event::SessionRequested { .. }
            | Event::ApplicationDecided { .. }
            | Event::ConnectionRequested { .. }
            | Event::ConnectionAccepted { .. }
            | Event::MessageSent { .. }
            | Event::ActionItemDue { .. }
            | Event::ForumReplied { .. }
            | Event::ProgrammeApplicationDecided { .. }
            | Event::MatchProposed { .. }
            | Event::MatchDecided { .. }
            | Event::CertificateApproved { .. }
            | Event::CertificateRevoked { .. } => None,
            // A proposal holds time but is not yet agreed: no reminders until confirmed.
            Event::SessionProposed { .. } => None,
            _ => Some(self.subject()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn user(n: u128) -> UserId {
        UserId(Uuid::from_u128(n))
    }

    #[test]
    fn the_actor_is_never_notified_and_the_other_side_is() {
        let s = SessionId(Uuid::from_u128(9));
        let (mentor, mentee) = (user(1), user(2));
        let cases = [
            (
                Event::SessionRequested {
                    session: s,
                    mentor,
                    mentee,
                },
                mentor,
                NotificationKind::BookingRequest,
            ),
            (
                Event::SessionConfirmed {
                    session: s,
                    by: mentor,
                    other: mentee,
                },
                mentee,
                NotificationKind::SessionConfirmed,
            ),
            (
                Event::SessionCancelled {
                    session: s,
                    by: mentee,
                    other: mentor,
                },
                mentor,
                NotificationKind::SessionCancelled,
            ),
            (
                Event::RescheduleAnswered {
                    session: s,
                    by: mentor,
                    other: mentee,
                    accepted: true,
                },
                mentee,
                NotificationKind::RescheduleAnswered,
            ),
        ];
        for (event, to, kind) in cases {
            assert_eq!(event.notify(), vec![(to, kind)], "{event:?}");
            assert_eq!(event.subject(), Subject::Session(s));
        }
    }

    #[test]
    fn reminders_follow_confirmations_moves_cancellations_and_answers() {
        let s = SessionId(Uuid::from_u128(9));
        let a = AppointmentId(Uuid::from_u128(8));
        let (x, y) = (user(1), user(2));
        assert_eq!(
            Event::SessionConfirmed {
                session: s,
                by: x,
                other: y
            }
            .reschedules(),
            Some(Subject::Session(s))
        );
        assert_eq!(
            Event::SessionCancelled {
                session: s,
                by: x,
                other: y
            }
            .reschedules(),
            Some(Subject::Session(s))
        );
        assert_eq!(
            Event::AppointmentAnswered {
                appointment: a,
                attendee: x
            }
            .reschedules(),
            Some(Subject::Appointment(a))
        );
        assert_eq!(
            Event::MessageSent {
                conversation: ConversationId(Uuid::from_u128(3)),
                sender: x,
                recipients: vec![y]
            }
            .reschedules(),
            None
        );
        assert_eq!(
            Event::SessionRequested {
                session: s,
                mentor: x,
                mentee: y
            }
            .reschedules(),
            None
        );
    }

    #[test]
    fn a_forum_reply_notifies_the_thread_s_author_unless_they_wrote_it() {
        let t = ThreadId(Uuid::from_u128(4));
        let e = Event::ForumReplied {
            thread: t,
            author: user(1),
            by: user(2),
        };
        assert_eq!(e.notify(), vec![(user(1), NotificationKind::ForumReply)]);
        assert_eq!(e.subject(), Subject::Thread(t));
        assert_eq!(e.reschedules(), None);
        let own = Event::ForumReplied {
            thread: t,
            author: user(1),
            by: user(1),
        };
        assert!(own.notify().is_empty());
    }

    #[test]
    fn a_certificate_decision_notifies_its_recipient_and_opens_the_programme() {
        let (c, p) = (
            CertificateId(Uuid::from_u128(5)),
            ProgrammeId(Uuid::from_u128(6)),
        );
        for e in [
            Event::CertificateApproved {
                certificate: c,
                programme: p,
                recipient: user(2),
            },
            Event::CertificateRevoked {
                certificate: c,
                programme: p,
                recipient: user(2),
            },
        ] {
            assert_eq!(
                e.notify(),
                vec![(user(2), NotificationKind::CertificateUpdate)]
            );
            assert_eq!(e.subject(), Subject::Programme(p));
            assert_eq!(e.reschedules(), None);
        }
    }

    #[test]
    fn messages_notify_every_recipient_but_the_sender() {
        let c = ConversationId(Uuid::from_u128(3));
        let e = Event::MessageSent {
            conversation: c,
            sender: user(1),
            recipients: vec![user(2), user(3)],
        };
        assert_eq!(
            e.notify(),
            vec![
                (user(2), NotificationKind::MessageReceived),
                (user(3), NotificationKind::MessageReceived)
            ]
        );
        assert_eq!(e.subject(), Subject::Conversation(c));
    }
}
