import Foundation
import NIOCore
import ParkControl

/// Serves a connection refused by the caller's budget: its first call is answered with the
/// refusal (a client reads it like any reply), then the connection closes; one that sends
/// nothing within `patience` is closed.
final class RefusedConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    static let patience = TimeAmount.seconds(2)
    private let reply: Data
    private var answered = false

    init(_ error: VarlinkError) {
        reply = Dispatcher.encoded(error)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let channel = context.channel
        context.eventLoop.scheduleTask(in: Self.patience) { channel.close(promise: nil) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !answered else { return }
        answered = true
        var frame = context.channel.allocator.buffer(capacity: reply.count + 1)
        frame.writeBytes(reply)
        frame.writeInteger(UInt8(0))
        let channel = context.channel
        context.writeAndFlush(NIOAny(frame)).whenComplete { _ in channel.close(promise: nil) }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
