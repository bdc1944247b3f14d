"use client";
import { useEffect, useRef } from "react";

export type ErrorSummaryItem = { fieldId: string; message: string };

/**
 * GOV.UK error summary: above the form, takes focus when errors appear so screen-reader and
 * keyboard users land on it, and links each message to its field.
 */
export function ErrorSummary({
  title,
  items,
  focusKey,
}: {
  title: string;
  items: ErrorSummaryItem[];
  focusKey: string | number | undefined;
}) {
  const ref = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus again on every new answer
  useEffect(() => {
    if (items.length > 0) ref.current?.focus();
  }, [focusKey, items.length]);
  if (items.length === 0) return null;
  return (
    <div className="error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{title}</h2>
      <ul>
        {items.map((item) => (
          <li key={item.fieldId}>
            <a
              href={`#${item.fieldId}`}
              onClick={(event) => {
                const target = document.getElementById(item.fieldId);
                if (target) {
                  event.preventDefault();
                  target.focus();
                  target.scrollIntoView({ block: "center" });
                }
              }}
            >
              {item.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
