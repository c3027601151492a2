//! Typed UUID ids, so a user id can never be passed where a role id is expected.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

macro_rules! id_type {
    ($($name:ident),* $(,)?) => {$(
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            pub fn as_uuid(&self) -> Uuid {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map($name)
            }
        }
    )*};
}

id_type!(
    UserId,
    RoleId,
    ApplicationId,
    TagId,
    AuditId,
    SessionId,
    NoteId,
    ActionItemId,
    AppointmentId,
    ConnectionId,
    ConversationId,
    GroupId,
    ThreadId,
    ReplyId,
    NotificationId,
    ProgrammeId,
    ProgrammeApplicationId,
    MatchId,
    TaskId,
    ReportId,
    CertificateId,
    MeetingReportId,
    ImportId,
);
