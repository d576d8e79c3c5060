package sqlstore

import (
	"context"
	"strconv"

	"kovit/internal/audit"
	"kovit/internal/notify"
	"kovit/internal/security"
)

// emitSecurityRoundOpened tells every municipality's editors that a self-assessment round
// has opened. It names the round and its deadline, nothing of anyone's answers.
func (t *tx) emitSecurityRoundOpened(ctx context.Context, r security.Round) error {
	return t.emit(ctx, notify.Event{Kind: notify.SecurityRoundOpened, Entity: audit.KindSecurityRound, EntityID: strconv.FormatInt(r.ID, 10),
		Municipality: notify.EveryMunicipality, Title: r.Title, Reason: r.Deadline})
}
