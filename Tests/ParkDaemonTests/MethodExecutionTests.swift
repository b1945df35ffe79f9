import Foundation
import Logging
import NIOCore
import NIOPosix
import ParkControl
@testable import ParkDaemon
import Testing

/// Where a handler runs is declared where its method is registered, and the method table alone
/// moves it off the event loop.
@Suite("Where a method's handler runs")
struct MethodExecutionTests {
    struct Probe: Codable, Sendable {
        let onEventLoop: Bool
    }

    struct ProbeReply: Decodable {
        let parameters: Probe
    }

    /// Calls a probe method registered with `execution` the way a connection starts a call: on
    /// its event loop, inside `Task.immediate`; whether the handler ran on an event loop thread.
    static func handlerRanOnEventLoop(_ execution: MethodExecution, padding: Int = 0) async throws -> Bool {
        let harness = try DispatcherHarness()
        defer { harness.cleanUp() }
        var table = MethodTable()
        table.register(VarlinkMethod<NoParameters, Probe>("io.parkd.Test.Where", access: .everyone), runs: execution) { _, _ in
            Probe(onEventLoop: MultiThreadedEventLoopGroup.currentEventLoop != nil)
        }
        let dispatcher = Dispatcher(
            table: table, state: harness.dispatcher.state, database: harness.database,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let message = Array(#"{"method":"io.parkd.Test.Where""#.utf8) + Array(repeating: UInt8(ascii: " "), count: padding) + Array("}".utf8)
        let reply = try await group.next().submit {
            let promise = group.next().makePromise(of: Data.self)
            Task.immediate { promise.succeed(await dispatcher.handle(message, from: DispatcherHarness.root).reply ?? Data()) }
            return promise.futureResult
        }.flatMap { $0 }.get()
        try await group.shutdownGracefully()
        return try JSONDecoder().decode(ProbeReply.self, from: reply).parameters.onEventLoop
    }

    @Test("a handler declared on the event loop answers there, with no hop")
    func onEventLoop() async throws {
        #expect(try await Self.handlerRanOnEventLoop(.onEventLoop))
    }

    @Test("a handler declared off the event loop runs on a worker thread from its first line")
    func offEventLoop() async throws {
        #expect(try await Self.handlerRanOnEventLoop(.offEventLoop) == false)
    }

    @Test("a message over 64 KiB is read and answered on a worker thread, whatever its method declares")
    func largeMessageOffEventLoop() async throws {
        #expect(try await Self.handlerRanOnEventLoop(.onEventLoop, padding: Dispatcher.largeMessageBytes) == false)
        #expect(try await Self.handlerRanOnEventLoop(.onEventLoop, padding: Dispatcher.largeMessageBytes - 64))
    }

    @Test("the methods that parse files or compute runs are declared off the event loop")
    func heavyMethodsDeclared() throws {
        let harness = try DispatcherHarness()
        defer { harness.cleanUp() }
        let entries = harness.dispatcher.table.entries
        for method in [
            "io.parkd.Policy.Check", "io.parkd.Policy.Test", "io.parkd.Policy.Simulate", "io.parkd.Reward.Run",
            "io.parkd.Reward.Verify", "io.parkd.Report.FinishImport", "io.parkd.Demo.Load",
        ] {
            #expect(entries[method]?.execution == .offEventLoop, "\(method)")
        }
        #expect(entries["io.parkd.Tenant.Get"]?.execution == .onEventLoop)
    }
}
