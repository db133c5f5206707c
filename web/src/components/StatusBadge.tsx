import { useTranslation } from 'react-i18next';

type Tone = 'ok' | 'warn' | 'bad' | 'info' | 'neutral';

export function Badge({ tone, children }: { tone: Tone; children: string }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

export function MemberStatusBadge({ status }: { status: 'pending' | 'active' | 'withdrawn' }) {
  const { t } = useTranslation();
  const tone: Tone = status === 'active' ? 'ok' : status === 'pending' ? 'warn' : 'neutral';
  return <Badge tone={tone}>{t(`member.status.${status}`)}</Badge>;
}

export function CardStatusBadge({
  status,
  blocked,
}: {
  status: 'valid' | 'lost' | 'replaced';
  blocked: boolean;
}) {
  const { t } = useTranslation();
  if (blocked) return <Badge tone="bad">{t('card.status.blocked')}</Badge>;
  const tone: Tone = status === 'valid' ? 'ok' : 'bad';
  return <Badge tone={tone}>{t(`card.status.${status}`)}</Badge>;
}

/** 29000000000015 → 2900 0000 0000 15, easier to read aloud. */
export function groupedCardNumber(number: string): string {
  return number.replace(/(\d{4})(?=\d)/g, '$1 ');
}
