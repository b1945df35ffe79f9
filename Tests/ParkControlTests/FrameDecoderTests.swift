import NIOCore
import NIOEmbedded
import ParkControl
import Testing

@Suite("Varlink framing")
struct FrameDecoderTests {
    func channel(limit: Int = VarlinkFrameDecoder.defaultMaximumLength) throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(VarlinkFrameDecoder(maximumLength: limit)))
        return channel
    }

    func bytes(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    func messages(_ channel: EmbeddedChannel) throws -> [String] {
        var out: [String] = []
        while let buffer = try channel.readInbound(as: ByteBuffer.self) {
            out.append(String(buffer: buffer))
        }
        return out
    }

    @Test("a message split over several reads is delivered once, whole")
    func splitFrames() throws {
        let channel = try channel()
        try channel.writeInbound(bytes(#"{"method":"io.par"#))
        #expect(try messages(channel).isEmpty)
        try channel.writeInbound(bytes(#"kd.Service.Status"}"#))
        #expect(try messages(channel).isEmpty)
        try channel.writeInbound(bytes("\0"))
        #expect(try messages(channel) == [#"{"method":"io.parkd.Service.Status"}"#])
    }

    @Test("a long message in many small reads, then the next in the same read as its end, each delivered whole")
    func manySmallReads() throws {
        let channel = try channel()
        let long = String(repeating: "0123456789", count: 1000)
        for piece in stride(from: 0, to: long.count, by: 7) {
            try channel.writeInbound(bytes(String(long.dropFirst(piece).prefix(7))))
        }
        #expect(try messages(channel).isEmpty)
        try channel.writeInbound(bytes("\0{\"next\":1}\0{\"x"))
        #expect(try messages(channel) == [long, #"{"next":1}"#])
        try channel.writeInbound(bytes("\":2}\0"))
        #expect(try messages(channel) == [#"{"x":2}"#])
    }

    @Test("several messages in one read come out in order")
    func severalInOneRead() throws {
        let channel = try channel()
        try channel.writeInbound(bytes("{\"a\":1}\0{\"b\":2}\0{\"c\""))
        #expect(try messages(channel) == [#"{"a":1}"#, #"{"b":2}"#])
        try channel.writeInbound(bytes(":3}\0"))
        #expect(try messages(channel) == [#"{"c":3}"#])
    }

    @Test("a message over the limit fails the stream, even before its NUL arrives")
    func oversize() throws {
        let channel = try channel(limit: 16)
        try channel.writeInbound(bytes("0123456789abcdef\0"))
        #expect(try messages(channel) == ["0123456789abcdef"])
        #expect(throws: VarlinkFramingError.messageTooLarge(limit: 16)) {
            try channel.writeInbound(bytes("0123456789abcdefg"))
        }
    }

    @Test("the default limit is 1 MiB")
    func defaultLimit() throws {
        let channel = try channel()
        let exactly = String(repeating: "x", count: 1 << 20)
        try channel.writeInbound(bytes(exactly + "\0"))
        #expect(try messages(channel).first?.count == 1 << 20)
        #expect(throws: VarlinkFramingError.messageTooLarge(limit: 1 << 20)) {
            try channel.writeInbound(bytes(exactly + "y"))
        }
    }

    @Test("a hang-up in the middle of a message is reported, complete ones still delivered")
    func truncated() throws {
        let channel = try channel()
        try channel.writeInbound(bytes("{\"a\":1}\0{\"half"))
        #expect(try messages(channel) == [#"{"a":1}"#])
        #expect(throws: VarlinkFramingError.truncatedMessage(bytes: 6)) {
            try channel.finish()
        }
    }
}
