import GRDB

extension Database {
    /// The connection's prepared statement for `sql`, bound to `arguments`.
    ///
    /// For the reads every control call makes: GRDB's request types build and look up the
    /// statement anew on each fetch, which costs more than running an indexed query.
    func preparedStatement(_ sql: String, _ arguments: StatementArguments) throws -> Statement {
        let statement = try cachedStatement(sql: sql)
        try statement.setArguments(arguments)
        return statement
    }
}
