/**
 * The transfer status of a destination judged on its recipient: the server country says where the data goes,
 * the recipient's Data Privacy Framework certification says whether the US adequacy decision covers it. The
 * host's certification covers the host's own processing, not its tenants' (Decision 2023/1795 covers listed
 * organisations only), so a certified cloud does not make its tenant's transfer adequate. Pure.
 */
import { recipientName } from '../recipient/recipient.js';
import { type TransferAssessment, transferStatus } from './transfer-status.js';

/** `--dpf`: rely on the EU-US DPF adequacy decision (default), or judge US recipients as third country. */
export type DpfMode = 'rely' | 'ignore';
export const DPF_MODES: readonly DpfMode[] = ['rely', 'ignore'];

export interface RecipientTransferInput {
  country: string | null;
  recipient: { name: string | null; domain: string | null; dpfCertified: boolean | null };
  host: { name: string; dpfCertified: boolean | null } | null;
  asOf: string;
  dpf: DpfMode;
}

/** "recipient Microsoft", "recipient vendor-x.example (owner unknown)", "the recipient (unknown)". */
export function recipientWords(r: RecipientTransferInput['recipient']): string {
  return r.name === null && r.domain === null ? 'the recipient (unknown)' : `recipient ${recipientName(r)}`;
}

export function recipientTransfer(input: RecipientTransferInput): TransferAssessment {
  const { recipient, host } = input;
  const base = transferStatus(input.country, recipient.dpfCertified, { asOf: input.asOf });
  const decision = base.decision;
  if (decision?.certifiedOnly !== true) return base;
  const iso = decision.iso;
  const cite = `${decision.reference}, adopted ${decision.adopted}`;
  const who = recipientWords(recipient);
  if (input.dpf === 'ignore') {
    return {
      status: 'third-country',
      reason: `${iso}: the Data Privacy Framework is not relied on (--dpf ignore; appeal C-703/25 P against T-553/23 Latombe pending), so the transfer to ${who} is judged as to a third country`,
      decision,
    };
  }
  if (recipient.dpfCertified === true) {
    return {
      status: 'adequate',
      reason: `${iso}: ${who} is certified under the Data Privacy Framework (${cite})`,
      decision,
    };
  }
  if (recipient.dpfCertified === false) {
    return {
      status: 'third-country',
      reason: `${iso}: ${who} is not on the Data Privacy Framework list, so the adequacy decision does not cover it (${cite})`,
      decision,
    };
  }
  const hostNote =
    host?.dpfCertified === true && host.name !== recipient.name
      ? `; the host ${host.name} is certified, which covers its own processing, not its tenants'`
      : '';
  return {
    status: 'adequate-if-certified',
    reason: `${iso}: adequate only if the recipient is certified under the Data Privacy Framework; ${who}: certification not known${hostNote} (${cite})`,
    decision,
  };
}
