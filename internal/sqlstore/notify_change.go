package sqlstore

import "kovit/internal/notify"

// kindNotification names new notifications among a transaction's changed kinds. A
// scheduled job (a round's reminders, a report's deadline) emits them with no audited
// change, yet the unread count on every signed-in page must show them on the next
// request: the change feed carries the kind to the viewers' cache of this process and,
// on PostgreSQL, of every other, as it carries an audited record's.
const kindNotification = recordKind(notify.ChangeKind)
