import Foundation
import Testing

@Suite("The Varlink channel on a real socket")
struct WireTests {
    @Test("python's reference varlink client can call every method")
    func referenceClient() throws {
        let daemon = try RunningDaemon(config: Binaries.referencePolicies + Binaries.shippedCalendar)
        let result = try runCommand("/usr/bin/env", ["python3", Binaries.script("varlink_reference_client.py"), daemon.socketPath])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.hasPrefix("all methods answered as specified"))
    }

    @Test("random calls of every method on a populated park never get an internal error", arguments: [1, 2])
    func randomCalls(seed: Int) throws {
        let daemon = try RunningDaemon(config: Binaries.referencePolicies + Binaries.shippedCalendar)
        let demo = try daemon.parkctl(["demo", "load", "--from", Binaries.repository + "/Config/demo"])
        #expect(demo.status == 0, "\(demo.stderr)")
        let result = try runCommand("/usr/bin/env", ["python3", Binaries.script("fuzz_client.py"), daemon.socketPath, "2000", String(seed)])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(!daemon.log.contains("ERROR"), "\(daemon.log.split(separator: "\n").filter { $0.contains("ERROR") }.prefix(5))")
    }

    @Test("pipelined requests on one connection are answered in order")
    func pipelining() throws {
        let daemon = try RunningDaemon()
        let interfaces = ["io.parkd.Audit", "io.parkd.Service", "io.parkd.Tenant", "org.varlink.service"]
        let connection = try RawConnection(path: daemon.socketPath)
        var batch = ""
        for round in 0..<25 {
            for name in interfaces {
                batch += #"{"method":"org.varlink.service.GetInterfaceDescription","parameters":{"interface":"\#(name)"}}"# + "\0"
            }
            batch += #"{"method":"io.parkd.Tenant.Get","parameters":{"tenant":"\#(round)"}}"# + "\0"
        }
        connection.send(batch)
        for _ in 0..<25 {
            for name in interfaces {
                let reply = try #require(connection.receive())
                #expect(reply.contains("interface \(name)\\n"))
            }
            #expect(connection.receive()?.contains("io.parkd.Tenant.NoSuchTenant") == true)
        }
    }

    @Test("oversized, malformed and truncated messages close only their own connection")
    func badPeers() throws {
        let daemon = try RunningDaemon()
        let bystander = try RawConnection(path: daemon.socketPath)

        let oversize = try RawConnection(path: daemon.socketPath)
        oversize.send([UInt8](repeating: UInt8(ascii: "x"), count: (1 << 20) + 4096))
        let refused = try #require(oversize.receive())
        #expect(refused.contains("io.parkd.Service.InvalidMessage"))
        #expect(refused.contains("exceeds 1048576 bytes"))
        #expect(oversize.receive() == nil)

        let garbage = try RawConnection(path: daemon.socketPath)
        garbage.send([0x7B, 0xC3, 0x28, 0x7D, 0x00])
        #expect(garbage.receive()?.contains("not valid UTF-8") == true)
        #expect(garbage.receive() == nil)

        let notJSON = try RawConnection(path: daemon.socketPath)
        notJSON.send("{\"method\": io.parkd\0{\"method\":\"io.parkd.Service.Status\"}\0")
        #expect(notJSON.receive()?.contains("io.parkd.Service.InvalidMessage") == true)
        #expect(notJSON.receive() == nil, "nothing after a broken message is answered")

        let halfSent = try RawConnection(path: daemon.socketPath)
        halfSent.send("{\"method\":\"io.parkd.Tenant.Cre")
        halfSent.finishSending()
        #expect(halfSent.receive() == nil)

        bystander.send("{\"method\":\"io.parkd.Service.Status\"}\0")
        #expect(bystander.receive()?.contains("\"version\"") == true)
        #expect(try daemon.parkctl(["status"]).status == 0)
    }

    @Test("hundreds of concurrent connections are all served")
    func manyConnections() async throws {
        let daemon = try RunningDaemon()
        let socketPath = daemon.socketPath
        let connections = try (0..<300).map { _ in try RawConnection(path: socketPath) }
        for (index, connection) in connections.enumerated() {
            connection.send(#"{"method":"io.parkd.Tenant.Get","parameters":{"tenant":"\#(index)"}}"# + "\0")
        }
        var answered = 0
        for connection in connections where connection.receive()?.contains("NoSuchTenant") == true {
            answered += 1
        }
        #expect(answered == 300)
        let status = try daemon.parkctl(["--json", "status"])
        #expect(status.stdout.contains("\"connections\" : 301"))
    }

    @Test("out of file descriptors, parkd pauses accepting for a second at a time, says so, and serves again")
    func outOfFileDescriptors() throws {
        let daemon = try RunningDaemon(openFilesLimit: 64)
        #expect(daemon.log.contains("open_files_limit=64"), "\(daemon.log)")
        var connections: [RawConnection] = []
        for _ in 0..<150 {
            guard let connection = try? RawConnection(path: daemon.socketPath) else { break }
            connections.append(connection)
        }
        // Queued connections parkd cannot accept keep its socket readable for three seconds:
        // retrying at once would log (and spin) without pause.
        Thread.sleep(forTimeInterval: 3)
        let pauses = daemon.log.components(separatedBy: "cannot accept connections for now; trying again in a second").count - 1
        #expect((1...6).contains(pauses), "\(pauses) pauses logged in 3 s")
        // A connection accepted before the limit is still served.
        connections[0].send(#"{"method":"org.varlink.service.GetInfo"}"# + "\0")
        #expect(connections[0].receive()?.contains("\"vendor\":\"parkd\"") == true)

        connections.removeAll()
        var status = try daemon.parkctl(["status"])
        for _ in 0..<50 where status.status != 0 {
            Thread.sleep(forTimeInterval: 0.1)
            status = try daemon.parkctl(["status"])
        }
        #expect(status.status == 0, "served again once connections closed: \(status.stderr)")
    }

    @Test("beyond socket.max_connections a connection waits to be accepted until another closes")
    func connectionLimit() throws {
        let daemon = try RunningDaemon(config: "socket:\n  max_connections: 4\n")
        let getInfo = #"{"method":"org.varlink.service.GetInfo"}"# + "\0"
        var served: [RawConnection] = []
        for _ in 0..<4 {
            let connection = try RawConnection(path: daemon.socketPath)
            connection.send(getInfo)
            #expect(connection.receive()?.contains("\"vendor\":\"parkd\"") == true)
            served.append(connection)
        }
        let waiting = try RawConnection(path: daemon.socketPath)
        waiting.send(getInfo)
        #expect(waiting.receive(within: 1) == nil, "not accepted while 4 are open")
        #expect(daemon.log.contains("the most connections socket.max_connections allows are open; new ones wait until one closes"))
        served.removeFirst()
        #expect(waiting.receive()?.contains("\"vendor\":\"parkd\"") == true, "accepted once one closed")
        #expect(daemon.log.contains("accepting connections again"))
    }

    @Test("a message left unfinished past socket.message_timeout_seconds closes its connection; an idle one stays")
    func unfinishedMessage() throws {
        let daemon = try RunningDaemon(config: "socket:\n  message_timeout_seconds: 1\n")
        let stalled = try RawConnection(path: daemon.socketPath)
        let idle = try RawConnection(path: daemon.socketPath)
        stalled.send(#"{"method":"org.varlink.service.GetInfo"}"# + "\0" + #"{"method":"org.varl"#)
        #expect(stalled.receive()?.contains("\"vendor\":\"parkd\"") == true, "the finished message is answered")
        #expect(stalled.receive(within: 5) == nil, "closed about a second after the unfinished one began")
        #expect(daemon.log.contains("closing a connection whose message stayed unfinished"), "\(daemon.log)")
        idle.send(#"{"method":"org.varlink.service.GetInfo"}"# + "\0")
        #expect(idle.receive()?.contains("\"vendor\":\"parkd\"") == true, "a connection between messages is left alone")
    }

    @Test("a member inside a parameter is named by its path: missing, of the wrong type, or unknown")
    func nestedMembersByPath() throws {
        let daemon = try RunningDaemon()
        let connection = try RawConnection(path: daemon.socketPath)
        let hash = String(repeating: "a", count: 64)
        for (anchor, path) in [
            (#"{"id":1,"hsah":"\#(hash)"}"#, "anchors[0].hash"),
            (#"{"id":"1","hash":"\#(hash)"}"#, "anchors[0].id"),
            (#"{"id":1,"hash":"\#(hash)","hsah":"\#(hash)"}"#, "anchors[0].hsah"),
        ] {
            connection.send(#"{"method":"io.parkd.Audit.Verify","parameters":{"anchors":["# + anchor + "]}}\0")
            let reply = try #require(connection.receive())
            #expect(reply.contains(#""error":"org.varlink.service.InvalidParameter""#) && reply.contains(#""parameter":"\#(path)""#), "\(reply)")
        }
    }

    @Test("a client slow to read its replies keeps its connection and every reply, though parkd stopped reading it mid-message: the time parkd holds its reads is not the client's")
    func slowReaderMidMessage() throws {
        let daemon = try RunningDaemon(config: "socket:\n  message_timeout_seconds: 1\nlimits:\n  reply_buffer_bytes: 65536\n")
        let connection = try RawConnection(path: daemon.socketPath)
        // Calls whose replies fill the buffers; the last one's end comes a moment later, when
        // parkd has stopped reading for the replies its client does not read.
        let call = "{\"method\":\"org.varlink.service.GetInterfaceDescription\",\"parameters\":{\"interface\":\"io.parkd.Review\"}}\0"
        let bytes = Array(String(repeating: call, count: 300).utf8)
        connection.send(Array(bytes.dropLast(10)))
        usleep(300_000)
        connection.send(Array(bytes.suffix(10)))
        sleep(3)
        var replies = 0
        while replies < 300, let reply = connection.receive(within: 5) {
            #expect(reply.contains("\"description\""), "\(reply.prefix(200))")
            replies += 1
        }
        #expect(replies == 300)
        #expect(!daemon.log.contains("stayed unfinished"), "\(daemon.log)")
    }
}
