import Foundation
import Glibc
import ParkControl
import Testing

@Suite("Replies larger than a call")
struct ReplySizeTests {
    /// A Unix socket served by a thread that answers one call on each connection with `reply`.
    final class OneReplyServer: @unchecked Sendable {
        let path: String
        private let listener: Int32

        init(reply: [UInt8]) throws {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("reply-\(UUID().uuidString.prefix(8)).sock").path
            let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            self.path = path
            self.listener = listener
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { raw in
                for (index, byte) in path.utf8.enumerated() { raw[index] = byte }
            }
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            guard bound == 0, listen(listener, 4) == 0 else { throw POSIXError(.EADDRINUSE) }
            Thread.detachNewThread {
                while true {
                    let connection = accept(listener, nil, nil)
                    guard connection >= 0 else { return }
                    var byte: UInt8 = 1
                    while read(connection, &byte, 1) == 1, byte != 0 {}
                    var sent = 0
                    while sent < reply.count {
                        let written = reply.withUnsafeBytes { Glibc.send(connection, $0.baseAddress! + sent, reply.count - sent, Int32(MSG_NOSIGNAL)) }
                        guard written > 0 else { break }
                        sent += written
                    }
                    close(connection)
                }
            }
        }

        deinit {
            shutdown(listener, Int32(SHUT_RDWR))
            close(listener)
            unlink(path)
        }
    }

    @Test("a reply of several MiB is read whole (a list of years of records), one past the client's bound is refused as such")
    func bound() async throws {
        let value = String(repeating: "a", count: 3 << 20)
        let large = try OneReplyServer(reply: Array(#"{"parameters":{"text":"\#(value)"}}"#.utf8) + [0])
        let connection = try await VarlinkConnection.connect(socketPath: large.path)
        let reply = try await connection.send(Data(#"{"method":"io.parkd.Test.Large"}"#.utf8))
        #expect(reply.parameters == .object(["text": .string(value)]))
        await connection.close()

        let endless = try OneReplyServer(reply: [UInt8](repeating: UInt8(ascii: "a"), count: VarlinkConnection.maximumReplyLength + 2))
        let bounded = try await VarlinkConnection.connect(socketPath: endless.path)
        await #expect(throws: VarlinkClientError.replyTooLarge(limit: VarlinkConnection.maximumReplyLength)) {
            _ = try await bounded.send(Data(#"{"method":"io.parkd.Test.Endless"}"#.utf8))
        }
        await bounded.close()
    }
}
