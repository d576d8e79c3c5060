package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Sessions stores web sessions for github.com/alexedwards/scs (its CtxStore interface),
// in the same database as everything else so that one backup holds it all.
type Sessions struct{ s *Store }

// Sessions returns the session store.
func (s *Store) Sessions() *Sessions { return &Sessions{s} }

// FindCtx returns a session's data if it exists and has not expired.
func (ss *Sessions) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var data []byte
	err := ss.s.queryRow(ctx, `SELECT data FROM sessions WHERE token = ? AND expiry > ?`, token, ss.s.now()).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	return data, err == nil, err
}

// CommitCtx saves a session.
func (ss *Sessions) CommitCtx(ctx context.Context, token string, data []byte, expiry time.Time) error {
	return ss.s.transact(ctx, func(tx *tx) error {
		_, err := tx.exec(ctx, `INSERT INTO sessions (token, data, expiry) VALUES (?, ?, ?)
			ON CONFLICT (token) DO UPDATE SET data = excluded.data, expiry = excluded.expiry`,
			token, data, expiry.UTC())
		return err
	})
}

// DeleteCtx removes a session.
func (ss *Sessions) DeleteCtx(ctx context.Context, token string) error {
	return ss.s.transact(ctx, func(tx *tx) error {
		_, err := tx.exec(ctx, `DELETE FROM sessions WHERE token = ?`, token)
		return err
	})
}

// DeleteExpired removes expired sessions; the server calls it now and then.
func (ss *Sessions) DeleteExpired(ctx context.Context) error {
	return ss.s.transact(ctx, func(tx *tx) error {
		_, err := tx.exec(ctx, `DELETE FROM sessions WHERE expiry <= ?`, ss.s.now())
		return err
	})
}

// The context-free methods satisfy scs.Store; scs calls the Ctx ones when they exist.
func (ss *Sessions) Find(token string) ([]byte, bool, error) {
	return ss.FindCtx(context.Background(), token)
}
func (ss *Sessions) Commit(token string, b []byte, expiry time.Time) error {
	return ss.CommitCtx(context.Background(), token, b, expiry)
}
func (ss *Sessions) Delete(token string) error { return ss.DeleteCtx(context.Background(), token) }
