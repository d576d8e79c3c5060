package sqlstore

// DropCells drops the matrix's kept copy as a change of another process would, for the
// external tests.
func (s *Store) DropCells() { s.cells.drop() }
