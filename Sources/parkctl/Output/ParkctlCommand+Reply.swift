import ParkControl

extension ParkctlCommand {
    /// What most commands do: calls `method` once and prints the reply, `text(reply)` for people
    /// (ended by `terminator`, as `present` does) or, with `--json`, the whole reply; a failure is
    /// reported as `reporting` does. The reply comes back for a command whose exit status depends on it.
    @discardableResult
    func respond<Parameters, Reply>(
        _ method: VarlinkMethod<Parameters, Reply>, _ parameters: Parameters, terminator: String = "\n",
        text: (Reply) throws -> String
    ) async throws -> Reply {
        try await respond(method, parameters, json: { $0 }, terminator: terminator, text: text)
    }

    /// The same, printing `json(reply)` with `--json` (`\.lease`: the lease a command made).
    @discardableResult
    func respond<Parameters, Reply>(
        _ method: VarlinkMethod<Parameters, Reply>, _ parameters: Parameters,
        json: (Reply) -> some Encodable, terminator: String = "\n", text: (Reply) throws -> String
    ) async throws -> Reply {
        try await reporting {
            let reply = try await global.call(method, parameters)
            try present(json(reply), terminator: terminator) { try text(reply) }
            return reply
        }
    }

    /// For a list that parkd gives a page at a time: calls `method` for each page in turn —
    /// `following` gives the parameters of the next page, nil after the last — and prints all
    /// of them as one reply (`merge` joins a page to those before it), so no reply is ever
    /// larger than a page however long the list.
    @discardableResult
    func respondPaged<Parameters, Reply>(
        _ method: VarlinkMethod<Parameters, Reply>, _ parameters: Parameters,
        following: (Parameters, Reply) -> Parameters?, merge: (inout Reply, Reply) -> Void, text: (Reply) throws -> String
    ) async throws -> Reply {
        try await reporting {
            var reply = try await global.call(method, parameters)
            var page = reply
            var asked = parameters
            while let next = following(asked, page) {
                page = try await global.call(method, next)
                asked = next
                merge(&reply, page)
            }
            try present(reply) { try text(reply) }
            return reply
        }
    }

    /// Prints `json` with `--json`, else what `text` gives, ended by `terminator` (CSV ends its
    /// lines with CRLF).
    func present(_ json: some Encodable, terminator: String = "\n", text: () throws -> String) throws {
        if global.json { return try JSONOutput.print(json) }
        StandardStream.output.write(try text() + terminator)
    }
}
