import Foundation
import NIOCore
import NIOPosix

/// A connection to a Varlink service on a Unix socket. Calls may be made concurrently;
/// they are pipelined on the one connection and answered in order.
public final class VarlinkConnection: Sendable {
    private let channel: any Channel

    /// The largest reply read: a list of years of a park's records outgrows the 1 MiB a call
    /// may be (applications with their statements, events with their occurrences).
    public static let maximumReplyLength = 64 << 20

    private init(channel: any Channel) {
        self.channel = channel
    }

    /// How long a connection waits for room in the queue of connections parkd has not accepted
    /// yet, when it is full (a burst of clients, or someone filling it on purpose).
    public static let queueWait: Duration = .seconds(10)

    /// Connects to `socketPath`, telling apart a missing daemon from a socket the caller may not
    /// open. A Unix socket whose queue of connections waiting to be accepted is full refuses a
    /// connection at once (EAGAIN): it is tried again, a little later each time, for up to
    /// `queueWait`, then refused as `queueFull` (try again later), never as "unreachable".
    public static func connect(
        socketPath: String, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, queueWait: Duration = queueWait
    ) async throws -> VarlinkConnection {
        if let problem = UnixSocketPath.problem(socketPath) { throw VarlinkClientError.unreachable(socketPath, "the path " + problem) }
        let deadline = ContinuousClock.now + queueWait
        var pause: Duration = .milliseconds(5)
        while true {
            do {
                return try await connectOnce(socketPath: socketPath, group: group)
            } catch let error as IOError where error.errnoCode == EAGAIN {
                guard ContinuousClock.now + pause < deadline else { throw VarlinkClientError.queueFull(socketPath, waited: queueWait) }
                try await Task.sleep(for: pause)
                pause = min(pause * 2, .milliseconds(200))
            } catch let error as IOError {
                throw VarlinkClientError(connecting: socketPath, errno: error.errnoCode)
            } catch let error as SocketAddressError {
                throw VarlinkClientError.unreachable(socketPath, "\(error)")
            }
        }
    }

    private static func connectOnce(socketPath: String, group: any EventLoopGroup) async throws -> VarlinkConnection {
        do {
            let channel = try await ClientBootstrap(group: group)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            ByteToMessageHandler(VarlinkFrameDecoder(maximumLength: VarlinkConnection.maximumReplyLength)))
                        try channel.pipeline.syncOperations.addHandler(VarlinkClientHandler())
                    }
                }
                .connect(unixDomainSocketPath: socketPath)
                .get()
            return VarlinkConnection(channel: channel)
        }
    }

    /// Calls a typed method of the contract.
    public func call<Parameters, Reply>(_ method: VarlinkMethod<Parameters, Reply>, _ parameters: Parameters) async throws -> Reply {
        let message = try VarlinkCoding.encode(VarlinkCall(method: method.name, parameters: parameters))
        // parkd reads a message of at most this many bytes, its closing NUL aside.
        guard message.count <= VarlinkFrameDecoder.defaultMaximumLength else {
            throw VarlinkClientError.requestTooLarge(method: method.name, bytes: message.count)
        }
        let frame = try await exchange(message)
        let decoder = JSONDecoder()
        do {
            if let name = try decoder.decode(VarlinkReplyHeader.self, from: frame).error {
                let details = try decoder.decode(VarlinkReply.self, from: frame).parameters
                throw VarlinkError(name: name, parameters: details ?? .object([:]))
            }
            let reply = try decoder.decode(VarlinkTypedReply<Reply>.self, from: frame)
            if let parameters = reply.parameters { return parameters }
            return try decoder.decode(Reply.self, from: Data("{}".utf8))
        } catch let error as VarlinkError {
            throw error
        } catch {
            throw VarlinkClientError.protocolViolation("reply to \(method.name) does not match the interface: \(error)")
        }
    }

    /// Calls a method by name; an error reply is thrown as `VarlinkError`.
    public func call(_ request: VarlinkRequest) async throws -> VarlinkReply {
        let reply = try await send(VarlinkCoding.encode(request))
        if let name = reply.error {
            throw VarlinkError(name: name, parameters: reply.parameters ?? .object([:]))
        }
        return reply
    }

    /// Sends raw message bytes (a NUL is added) and returns the next reply; for tests of the framing.
    public func send(_ message: Data) async throws -> VarlinkReply {
        let frame = try await exchange(message)
        do {
            return try JSONDecoder().decode(VarlinkReply.self, from: frame)
        } catch {
            throw VarlinkClientError.protocolViolation("reply is not a Varlink message: \(error)")
        }
    }

    /// Sends one message and returns the bytes of the reply that answers it.
    private func exchange(_ message: Data) async throws -> Data {
        var buffer = channel.allocator.buffer(capacity: message.count + 1)
        buffer.writeBytes(message)
        buffer.writeInteger(UInt8(0))
        let promise = channel.eventLoop.makePromise(of: ByteBuffer.self)
        do {
            try await channel.writeAndFlush(VarlinkClientHandler.Outgoing(message: buffer, reply: promise))
        } catch {
            // Not sent whole: parkd never read the call, so nothing of it was done.
            promise.fail(error)
            throw VarlinkClientError.notSent(VarlinkClientError.connectionLost(error).reason)
        }
        let frame: ByteBuffer
        do {
            frame = try await promise.futureResult.get()
        } catch let error as VarlinkClientError {
            throw error
        } catch {
            throw VarlinkClientError.connectionLost(error)
        }
        return Data(frame.readableBytesView)
    }

    public func close() async {
        try? await channel.close()
    }
}

/// Failures of the connection itself, as opposed to error replies.
public enum VarlinkClientError: Error, Equatable, CustomStringConvertible {
    /// Nothing listens on the socket, or it does not exist.
    case unreachable(String, String)
    /// The socket exists but the caller may not open it.
    case permissionDenied(String)
    /// The socket's queue of connections waiting to be accepted stayed full.
    case queueFull(String, waited: Duration)
    /// The service hung up before the request was sent whole: nothing of it was done.
    case notSent(String)
    /// The service hung up after the request was sent, before answering: it may have been done.
    case connectionLost(String)
    /// The service answered something that is not Varlink.
    case protocolViolation(String)
    /// The call would be a message larger than the service reads (a file given is too large).
    case requestTooLarge(method: String, bytes: Int)
    /// The reply is larger than the client reads (`VarlinkConnection.maximumReplyLength`).
    case replyTooLarge(limit: Int)

    /// The connection failed with `error`: an I/O error in the system's words
    /// (`Connection reset by peer`), not NIO's description of the call that met it.
    public static func connectionLost(_ error: any Error) -> VarlinkClientError {
        if let io = error as? IOError { return .connectionLost(String(cString: strerror(io.errnoCode))) }
        return .connectionLost("\(error)")
    }

    /// The reason a lost connection gives.
    var reason: String {
        if case .connectionLost(let reason) = self { return reason }
        return description
    }

    init(connecting path: String, errno code: Int32) {
        switch code {
        case EACCES, EPERM: self = .permissionDenied(path)
        default: self = .unreachable(path, String(cString: strerror(code)))
        }
    }

    public var description: String {
        switch self {
        case .unreachable(let path, let reason):
            "cannot reach parkd at \(path): \(reason) (is parkd running? name the socket it serves on with --socket or PARKD_SOCKET)"
        case .permissionDenied(let path):
            "permission denied: you may not open \(path) (the socket's mode and group, and the directories above it, say who may)"
        case .queueFull(let path, let waited):
            "parkd at \(path) has as many connections waiting to be accepted as its socket queues, and had no room for another in \(waited.components.seconds > 0 ? "\(waited.components.seconds) s" : "\(waited.components.attoseconds / 1_000_000_000_000_000) ms"): "
                + "try again later (many clients connecting at once)"
        case .notSent(let reason): "connection to parkd lost before the request was sent: \(reason)"
        case .connectionLost(let reason): "connection to parkd lost: \(reason)"
        case .protocolViolation(let reason): "parkd answered something unexpected: \(reason)"
        case .requestTooLarge(let method, let bytes):
            "the call of \(method) would be a message of \(bytes) bytes, more than the \(VarlinkFrameDecoder.defaultMaximumLength) parkd reads in one: is a file given too large?"
        case .replyTooLarge(let limit):
            "parkd's reply is larger than the \(limit >> 20) MiB parkctl reads: ask for less at once (a tenant, a period, a page)"
        }
    }
}

/// Matches replies to requests in order (Varlink answers pipelined calls in sequence).
final class VarlinkClientHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = Outgoing
    typealias OutboundOut = ByteBuffer

    struct Outgoing {
        var message: ByteBuffer
        var reply: EventLoopPromise<ByteBuffer>
    }

    private var waiting = CircularBuffer<EventLoopPromise<ByteBuffer>>()

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let outgoing = unwrapOutboundIn(data)
        waiting.append(outgoing.reply)
        context.write(wrapOutboundOut(outgoing.message), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        guard let promise = waiting.popFirst() else {
            context.close(promise: nil)
            return
        }
        promise.succeed(frame)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if case VarlinkFramingError.messageTooLarge(let limit) = error {
            failAll(VarlinkClientError.replyTooLarge(limit: limit))
        } else {
            failAll(VarlinkClientError.connectionLost(error))
        }
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        failAll(VarlinkClientError.connectionLost("parkd closed the connection"))
        context.fireChannelInactive()
    }

    private func failAll(_ error: any Error) {
        while let promise = waiting.popFirst() { promise.fail(error) }
    }
}
