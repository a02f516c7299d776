import { HallnetError } from '../../sync/index.js';
import type { Appointment } from './appointment.js';
import type { Decision, QueueState } from './queue-state.js';

/** Cancels a booked appointment; one already used, lapsed or cancelled stays as it is. */
export function cancelAppointment(state: QueueState, id: string): Decision<Appointment> {
  const a = state.appointments.get(id);
  if (!a) throw new HallnetError('ERR_NOT_FOUND', `no appointment ${id}`);
  if (a.state !== 'booked') throw new HallnetError('ERR_APPOINTMENT_INVALID', `appointment is ${a.state}`);
  const cancelled: Appointment = { ...a, state: 'cancelled' };
  return { result: cancelled, change: { appointments: [cancelled] } };
}
