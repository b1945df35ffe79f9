import GRDB

extension Database {
    /// Runs `body` in a savepoint, rolled back when it throws, and returns its outcome either
    /// way, so the enclosing transaction can go on (and record the failure).
    ///
    /// Every audited change runs in two nested savepoints, and a submission in a third: inside
    /// a transaction their statements are prepared once per connection instead of being
    /// compiled again for each change (GRDB's `inSavepoint` compiles them every time).
    func attempt<T>(_ body: (Database) throws -> T) -> Result<T, any Error> {
        guard isInsideTransaction else { return attemptInSavepoint(body) }
        do {
            try cachedStatement(sql: "SAVEPOINT attempt").execute()
        } catch {
            return .failure(error)
        }
        let result: Result<T, any Error>
        do {
            result = .success(try body(self))
        } catch {
            // When the failure ended the whole transaction (SQLite rolls back on some I/O
            // errors), the savepoint is gone too: the body's error is the one to report.
            _ = try? cachedStatement(sql: "ROLLBACK TO SAVEPOINT attempt").execute()
            _ = try? cachedStatement(sql: "RELEASE SAVEPOINT attempt").execute()
            return .failure(error)
        }
        do {
            try cachedStatement(sql: "RELEASE SAVEPOINT attempt").execute()
        } catch {
            return .failure(error)
        }
        return result
    }

    /// `attempt` outside a transaction: GRDB's savepoint, which opens one.
    private func attemptInSavepoint<T>(_ body: (Database) throws -> T) -> Result<T, any Error> {
        do {
            var value: T?
            try inSavepoint {
                value = try body(self)
                return .commit
            }
            return .success(value!)
        } catch {
            return .failure(error)
        }
    }
}
