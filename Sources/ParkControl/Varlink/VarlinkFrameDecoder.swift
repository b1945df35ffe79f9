import Foundation
import NIOCore

/// Splits a Varlink byte stream into messages: each message is JSON text ended by one NUL byte.
///
/// A message longer than `maximumLength` bytes (without its NUL) fails the stream with
/// `VarlinkFramingError.messageTooLarge` as soon as that many bytes are buffered, so a peer
/// cannot make the reader hold more than the limit. Each byte is searched for the NUL once,
/// however many reads a long message takes to arrive.
public struct VarlinkFrameDecoder: ByteToMessageDecoder, Sendable {
    public typealias InboundOut = ByteBuffer

    /// The largest message accepted by default: 1 MiB.
    public static let defaultMaximumLength = 1 << 20

    public let maximumLength: Int
    /// How many of the buffered bytes of the message being received are known not to be NUL.
    private var searched = 0

    public init(maximumLength: Int = VarlinkFrameDecoder.defaultMaximumLength) {
        self.maximumLength = maximumLength
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let from = searched
        let found = buffer.withUnsafeReadableBytes { bytes -> Int? in
            guard bytes.count > from, let start = bytes.baseAddress,
                  let nul = memchr(start + from, 0, bytes.count - from) else { return nil }
            return start.distance(to: UnsafeRawPointer(nul))
        }
        guard let length = found else {
            searched = buffer.readableBytes
            if buffer.readableBytes > maximumLength {
                throw VarlinkFramingError.messageTooLarge(limit: maximumLength)
            }
            return .needMoreData
        }
        searched = 0
        guard length <= maximumLength else {
            throw VarlinkFramingError.messageTooLarge(limit: maximumLength)
        }
        let message = buffer.readSlice(length: length)!
        buffer.moveReaderIndex(forwardBy: 1)
        context.fireChannelRead(Self.wrapInboundOut(message))
        return .continue
    }

    public mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        if buffer.readableBytes > 0 {
            let left = buffer.readableBytes
            buffer.moveReaderIndex(forwardBy: left)
            throw VarlinkFramingError.truncatedMessage(bytes: left)
        }
        return .needMoreData
    }
}

/// The byte stream broke Varlink's framing.
public enum VarlinkFramingError: Error, Equatable, CustomStringConvertible {
    case messageTooLarge(limit: Int)
    /// The peer hung up in the middle of a message.
    case truncatedMessage(bytes: Int)

    public var description: String {
        switch self {
        case .messageTooLarge(let limit): "message exceeds \(limit) bytes"
        case .truncatedMessage(let bytes): "connection closed in the middle of a message (\(bytes) bytes unread)"
        }
    }
}
