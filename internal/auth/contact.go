package auth

import (
	"context"
	"slices"

	"kovit/internal/kovit"
)

// UserReader finds one account.
type UserReader interface {
	User(ctx context.Context, id int64) (User, error)
}

// CheckContacts refuses contact persons ids who may not be contacts of a strategy owned by
// ownerEHAK (CanBeContact) as it refuses an unknown account, so that naming ids tells
// nothing of who has one. Contacts in before were accepted earlier and stay.
func CheckContacts(ctx context.Context, users UserReader, ids, before []int64, ownerEHAK string) error {
	for _, id := range ids {
		if slices.Contains(before, id) {
			continue
		}
		c, err := users.User(ctx, id)
		if err != nil && kovit.ErrorCode(err) != kovit.ENotFound {
			return err
		}
		if err != nil || !CanBeContact(c, ownerEHAK) {
			var p kovit.Problems
			p.Add("contact_ids", "plan.error.unknown_user")
			return p.Err()
		}
	}
	return nil
}
