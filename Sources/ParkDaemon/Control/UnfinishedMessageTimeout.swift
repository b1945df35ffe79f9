import Logging
import NIOCore

/// Closes a connection whose message stays unfinished (bytes sent without their closing NUL)
/// for longer than the timeout, counted from the first byte of that message: a client that
/// stalls mid-message would otherwise hold its buffer (up to 1 MiB) for ever. A connection
/// waiting between messages, however long, is left alone, and so is the time parkd itself
/// holds the connection's reads back (replies its client has not read yet, a call running or
/// waiting its turn): the rest of the message may be waiting in the socket, unread by parkd.
final class UnfinishedMessageTimeout: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// What the connection's handler tells this one, as an outbound user event: it stopped
    /// passing on the reads the pipeline asked for, or let them go on again.
    enum Reads {
        case held
        case resumed
    }

    private let seconds: Int
    private let caller: Caller
    private let logger: Logger
    /// The unfinished message's deadline while it counts.
    private var deadline: Scheduled<Void>?
    /// When the deadline falls; nil when no message is unfinished.
    private var expiry: NIODeadline?
    /// While reads are held: what was left of the time when they were.
    private var remainingWhileHeld: TimeAmount?

    init(seconds: Int, caller: Caller, logger: Logger) {
        self.seconds = seconds
        self.caller = caller
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = Self.unwrapInboundIn(data).readableBytesView
        // A message ended in this read: whatever follows its NUL is a new message.
        if bytes.contains(0) { stop() }
        if bytes.last != 0, !bytes.isEmpty, expiry == nil {
            start(in: .seconds(Int64(seconds)), context: context)
        }
        context.fireChannelRead(data)
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard let reads = event as? Reads else { return context.triggerUserOutboundEvent(event, promise: promise) }
        switch reads {
        case .held:
            if let expiry, remainingWhileHeld == nil {
                deadline?.cancel()
                deadline = nil
                remainingWhileHeld = max(expiry - .now(), .zero)
            }
        case .resumed:
            if let remaining = remainingWhileHeld {
                remainingWhileHeld = nil
                start(in: remaining, context: context)
            }
        }
        promise?.succeed(())
    }

    func channelInactive(context: ChannelHandlerContext) {
        stop()
        context.fireChannelInactive()
    }

    private func start(in time: TimeAmount, context: ChannelHandlerContext) {
        deadline?.cancel()
        expiry = .now() + time
        let connection = NIOLoopBound(context, eventLoop: context.eventLoop)
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: time) { [caller, logger, seconds] in
            logger.warning("closing a connection whose message stayed unfinished", metadata: [
                "seconds": "\(seconds)", "uid": "\(caller.uid)", "pid": "\(caller.pid)",
            ])
            connection.value.close(promise: nil)
        }
    }

    private func stop() {
        deadline?.cancel()
        deadline = nil
        expiry = nil
        remainingWhileHeld = nil
    }
}
