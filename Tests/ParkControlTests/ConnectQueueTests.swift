import Foundation
import ParkControl
import Testing

@Suite("Connecting while the socket's queue is full")
struct ConnectQueueTests {
    /// A socket listening with a queue of one that nobody accepts from, filled; its path and
    /// descriptors (the listener first).
    func fullQueue() throws -> (path: String, descriptors: [Int32]) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("parkd-queue-\(UUID().uuidString).sock").path
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { bytes in
            for (index, byte) in path.utf8.enumerated() { bytes[index] = byte }
        }
        let length = socklen_t(MemoryLayout<sockaddr_un>.size)
        let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) } }
        #expect(bound == 0 && listen(listener, 0) == 0)
        var descriptors = [listener]
        for _ in 0..<16 {
            let client = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
            descriptors.append(client)
            let connected = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(client, $0, length) } }
            if connected != 0 {
                #expect(errno == EAGAIN)
                return (path, descriptors)
            }
        }
        Issue.record("the queue never filled")
        return (path, descriptors)
    }

    @Test("a full queue is waited on, then refused as full (try again later), never as parkd unreachable; room made meanwhile is taken")
    func waitsForRoom() async throws {
        let (path, descriptors) = try fullQueue()
        defer {
            for descriptor in descriptors { close(descriptor) }
            unlink(path)
        }
        await #expect(throws: VarlinkClientError.queueFull(path, waited: .milliseconds(300))) {
            try await VarlinkConnection.connect(socketPath: path, queueWait: .milliseconds(300))
        }
        #expect(VarlinkClientError.queueFull(path, waited: .seconds(10)).description
            == "parkd at \(path) has as many connections waiting to be accepted as its socket queues, and had no room for another in 10 s: "
            + "try again later (many clients connecting at once)")
        // One connection accepted a moment later makes room for this one.
        let listener = descriptors[0]
        let accepting = Thread {
            Thread.sleep(forTimeInterval: 0.2)
            close(accept(listener, nil, nil))
        }
        accepting.start()
        let connection = try await VarlinkConnection.connect(socketPath: path, queueWait: .seconds(5))
        await connection.close()
    }
}
