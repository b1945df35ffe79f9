import ParkControl

extension VarlinkConnection {
    /// Connects to `socketPath`, runs `body` on the connection and closes it, whether `body`
    /// returns or throws.
    static func using<Result>(socketPath: String, _ body: (VarlinkConnection) async throws -> Result) async throws -> Result {
        let connection = try await connect(socketPath: socketPath)
        do {
            let result = try await body(connection)
            await connection.close()
            return result
        } catch {
            await connection.close()
            throw error
        }
    }
}
