import Logging
import NIOCore

/// Closes a connection whose message stays unfinished (bytes sent without their closing NUL)
/// for longer than the timeout, counted from the first byte of that message: a client that
/// stalls mid-message would otherwise hold its buffer (up to 1 MiB) for ever. A connection
/// waiting between messages, however long, is left alone.
final class UnfinishedMessageTimeout: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let seconds: Int
    private let caller: Caller
    private let logger: Logger
    private var deadline: Scheduled<Void>?

    init(seconds: Int, caller: Caller, logger: Logger) {
        self.seconds = seconds
        self.caller = caller
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = Self.unwrapInboundIn(data).readableBytesView
        // A message ended in this read: whatever follows its NUL is a new message.
        if bytes.contains(0) {
            deadline?.cancel()
            deadline = nil
        }
        if bytes.last != 0, !bytes.isEmpty, deadline == nil {
            let connection = NIOLoopBound(context, eventLoop: context.eventLoop)
            deadline = context.eventLoop.assumeIsolated().scheduleTask(in: .seconds(Int64(seconds))) { [caller, logger, seconds] in
                logger.warning("closing a connection whose message stayed unfinished", metadata: [
                    "seconds": "\(seconds)", "uid": "\(caller.uid)", "pid": "\(caller.pid)",
                ])
                connection.value.close(promise: nil)
            }
        }
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
        context.fireChannelInactive()
    }
}
