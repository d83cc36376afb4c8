import { getTranslations } from 'next-intl/server';
import type { SupportRequest } from '@/lib/helpdesk';
import { Fact, FactsPanel } from './facts-panel';
import styles from './request.module.css';

/**
 * The answers given to the help desk's own fields, titled and labelled as the help desk names them
 * (only fields visible to end users reach this page: lib/helpdesk/fields.ts). Nothing when none.
 */
export async function RequestAnswers({ request }: { request: SupportRequest }) {
  const answers = request.answers ?? [];
  if (answers.length === 0) return null;
  const t = await getTranslations('request');
  return (
    <FactsPanel id="answers-heading" heading={t('answersHeading')}>
      {answers.map((answer) => (
        <Fact key={answer.fieldId} name={<bdi>{answer.title}</bdi>}>
          {answer.type === 'checkbox' ? (
            answer.values[0] === 'true' ? t('yes') : t('no')
          ) : (
            <bdi className={answer.type === 'textarea' ? styles.answerText : undefined}>{answer.values.join(', ')}</bdi>
          )}
        </Fact>
      ))}
    </FactsPanel>
  );
}
