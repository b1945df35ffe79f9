import Foundation
import Logging
import ParkControl
import ParkPolicy
import ParkStore
import Synchronization

/// The policies in force. Read from the policy directory at start and on every reload; a
/// directory with any error is refused whole and the policies in force stay (at start: the
/// set last recorded in the database).
final class PolicyRegistry: Sendable {
    private struct Loaded {
        var book: PolicyBook
        var rejected: String?
        /// Why no policy is in force, when none is (the directory read last, and what it held).
        var noneBecause: String?
    }

    private let loaded: Mutex<Loaded>
    /// A reload's check and install on one side, a run's approval on the other.
    let changes = PolicyChangeExclusion()

    init(book: PolicyBook = .empty) {
        loaded = Mutex(Loaded(book: book, rejected: nil))
    }

    var book: PolicyBook { loaded.withLock { $0.book } }

    /// The policies in force for a run; none is an error that says where parkd looked.
    func bookForRun() throws(PolicyRunError) -> PolicyBook {
        let (book, noneBecause, rejected) = loaded.withLock { ($0.book, $0.noneBecause, $0.rejected) }
        guard book.policies.isEmpty else { return book }
        if let noneBecause {
            throw PolicyRunError("no policies are in force: \(noneBecause); "
                + "put the policy files in that directory (policies.directory, or parkd --policy-dir) and reload parkd")
        }
        let refusal = rejected.map { "the policy files were refused (\($0.split(separator: "\n").joined(separator: "; "))); fix them and reload parkd" }
        throw PolicyRunError("no policies are in force: " + (refusal ?? "none was loaded"))
    }

    /// Why the last load was refused, if it was.
    var rejected: String? { loaded.withLock { $0.rejected } }

    /// Reads and checks every `*.yaml` / `*.yml` file of `directory` (none when it is missing),
    /// and puts them together.
    static func read(directory: String) throws(PolicyProblems) -> PolicyBook {
        let paths: [String]
        do {
            paths = try YAMLDirectory(path: directory, name: "policy directory").files()
        } catch {
            throw PolicyProblems([PolicyProblem(file: directory, position: nil, message: error.message)])
        }
        var policies: [Policy] = []
        var problems: [PolicyProblem] = []
        for path in paths {
            let text: String
            do { text = try YAMLDirectory.text(ofFile: path) } catch {
                problems.append(PolicyProblem(file: path, position: nil, message: error.message))
                continue
            }
            do { policies.append(try PolicyLoader.load(text, fileName: path)) } catch { problems += error.problems }
        }
        guard problems.isEmpty else { throw PolicyProblems(problems) }
        return try PolicyBook(policies)
    }

    /// Loads the directory at start; on errors, or when the files changed since parkd last ran
    /// would re-price approved money, keeps the set the database last recorded.
    func loadAtStart(directory: String, database: ParkDatabase, repriceApproved: Bool, at instant: String, logger: Logger) async {
        do {
            let book = try Self.read(directory: directory)
            if let last = try? await Self.lastRecorded(database: database) {
                try await checkApprovedAmounts(book, inForce: last, directory: directory, database: database, allow: repriceApproved, logger: logger)
            }
            await install(book, directory: directory, database: database, at: instant, logger: logger)
        } catch {
            refuse(error, directory: directory, logger: logger)
            await restoreLastInForce(database: database, logger: logger)
        }
    }

    /// Refuses `proposed` when it computes an amount of an approved period otherwise than
    /// `inForce` does (the policies in force; at start, those last recorded), unless `allow`
    /// (`policies.reprice_approved`), when the periods it re-prices are logged.
    func checkApprovedAmounts(
        _ proposed: PolicyBook, inForce: PolicyBook, directory: String, database: ParkDatabase, allow: Bool, logger: Logger
    ) async throws(PolicyProblems) {
        let findings = try await ApprovedAmountsGuard(database: database).check(proposed, inForce: inForce, directory: directory)
        guard !findings.isEmpty else { return }
        guard allow else { throw ApprovedAmountsGuard.refusal(findings, inForce: inForce, proposed: proposed, directory: directory) }
        logger.warning("the policies loaded re-price approved periods (policies.reprice_approved is true); adjustment runs will pay or recover the differences", metadata: [
            "changes": "\(ApprovedAmountsGuard.changes(from: inForce, to: proposed))",
            "periods": "\(findings.summary)",
        ])
    }

    /// Puts in force the policies read from `directory`, recording a changed set in the
    /// database, audited; nil, or why they could not be recorded (then those in force stay).
    @discardableResult
    func install(_ book: PolicyBook, directory: String, database: ParkDatabase, at instant: String, logger: Logger) async -> String? {
        do {
            let policies = book.policies
            let context = ChangeContext(call: Self.loadCall(policies, directory: directory), at: instant, outcome: { "\($0)" })
            if try await database.recordPolicyLoad(policies, context: context) {
                logger.notice("policies loaded", metadata: NotableEvent.policiesLoaded.metadata([
                    "directory": "\(directory)", "policies": "\(policies.map { "\($0.id)@\($0.hash.prefix(12))" }.joined(separator: ","))",
                ]))
            }
            let noneBecause = policies.isEmpty ? YAMLDirectory(path: directory, name: "policy directory").emptiness : nil
            if let noneBecause {
                logger.warning("no policies in force: reward runs are refused until policy files are loaded", metadata: [
                    "directory": "\(directory)", "reason": "\(noneBecause)",
                ])
            }
            loaded.withLock { $0 = Loaded(book: book, rejected: nil, noneBecause: noneBecause) }
            return nil
        } catch {
            logger.error("policies could not be recorded", metadata: ["error": "\(error)"])
            loaded.withLock { $0.rejected = "\(error)" }
            return "\(error)"
        }
    }

    /// Forgets an earlier refusal: the files read since are good (though not put in force, when
    /// the reload was refused for the calendar or the configuration).
    func clearRefusal() {
        loaded.withLock { $0.rejected = nil }
    }

    /// Notes a policy directory refused: logged, and shown with the policies, which stay in force.
    func refuse(_ problems: PolicyProblems, directory: String, logger: Logger) {
        logger.error("policy files refused; the policies in force stay", metadata: NotableEvent.policiesRejected.metadata([
            "directory": "\(directory)", "problems": "\(problems.description)",
        ]))
        loaded.withLock { $0.rejected = problems.description }
    }

    /// The policies the database last recorded in force (none before the first load).
    private static func lastRecorded(database: ParkDatabase) async throws -> PolicyBook {
        let stored = try await database.policiesLastInForce()
        return try PolicyBook(try stored.map { version throws(PolicyProblems) in try PolicyLoader.load(version.source, fileName: version.fileName) })
    }

    private func restoreLastInForce(database: ParkDatabase, logger: Logger) async {
        do {
            let book = try await Self.lastRecorded(database: database)
            loaded.withLock { $0.book = book }
            logger.notice("policies last in force restored from the database", metadata: ["policies": "\(book.policies.map(\.id).joined(separator: ","))"])
        } catch {
            logger.error("the policies last in force cannot be restored; none are in force", metadata: ["error": "\(error)"])
        }
    }

    /// How the audit trail names a load of the policy directory: no client calls it, parkd
    /// records it as if it were a method.
    static let loadMethod = "io.parkd.Policy.Load"

    /// The audit record of a load: parkd itself, with the files and hashes.
    private static func loadCall(_ policies: [Policy], directory: String) -> AuditedCall {
        let parameters = JSONValue.object([
            "directory": .string(directory),
            "policies": .object(Dictionary(policies.map { ($0.id, JSONValue.string($0.hash)) }, uniquingKeysWith: { first, _ in first })),
        ])
        return AuditedCall(
            uid: Int64(getuid()), user: "parkd", pid: Int64(getpid()), method: loadMethod, parameters: parameters.canonicalText)
    }
}
