package notify

// ChangeKind names new notifications among the record kinds of a committed change, as the
// store's change feed tells them to the caches (this process's and, on PostgreSQL, every
// other's). Only signed-in pages show notifications (the unread count), so a change of
// this kind alone leaves the anonymous response cache as it is.
const ChangeKind = "notification"
