/** The decoded form of a packet as the transcript shows it (the codec's JSON form, never throwing). */
import { packetToJson, type IlpPacket } from '../codec';

export function packetJson(packet: IlpPacket): unknown {
  try {
    return packetToJson(packet);
  } catch (error) {
    return { unprintable: (error as Error).message };
  }
}
