import GRDB

extension Database {
    /// Runs `body` in a savepoint, rolled back when it throws, and returns its outcome either
    /// way, so the enclosing transaction can go on (and record the failure).
    func attempt<T>(_ body: (Database) throws -> T) -> Result<T, any Error> {
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
