import type { ReactNode } from 'react';
import styles from './request.module.css';

/** A titled list of facts beside the conversation (the request's details, the customer's answers): one look for both. */
export function FactsPanel({ id, heading, children }: { id: string; heading: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className={styles.details}>
      <h2 id={id} className={styles.detailsHeading}>
        {heading}
      </h2>
      <dl className={styles.detailsList}>{children}</dl>
    </section>
  );
}

/** One fact of a FactsPanel: its name and its value. */
export function Fact({ name, children, valueClassName }: { name: ReactNode; children: ReactNode; valueClassName?: string }) {
  return (
    <div>
      <dt>{name}</dt>
      <dd className={valueClassName}>{children}</dd>
    </div>
  );
}
