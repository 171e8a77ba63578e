/**
 * One recipient line (To, Cc or Bcc): addresses as chips that say whether a certificate is known
 * for them, a text box for the next one, and completion from past mail. Typing a comma, a
 * semicolon or Enter turns what was typed into a chip; Backspace in an empty box removes the last.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { CertificateLookup } from '../../shared/certificate-lookup-types';
import type { CertificateKnown, SuggestedAddress } from '../../shared/compose-types';
import { certificateOrigin } from '../lib/certificate-origin';
import { parseRecipients } from '../lib/recipients';
import { Icon } from './Icon';

export interface RecipientFieldProps {
  label: string;
  addresses: readonly string[];
  text: string;
  onChange(addresses: string[], text: string): void;
  certificates: Readonly<Record<string, CertificateKnown>>;
  /** Where each known certificate came from, and what the lookups said (keyed by lower-case address). */
  lookups?: Readonly<Record<string, CertificateLookup>>;
  /** Completion source; may be absent (tests, no account). */
  suggest?: (query: string) => Promise<SuggestedAddress[]>;
  autoFocus?: boolean;
}

const CERT_WORDS: Record<CertificateKnown, string> = {
  known: 'certificate known',
  missing: 'no certificate',
  unknown: 'certificate not known',
};

/** Splits typed text into finished entries (before the last separator) and the rest. */
function commitTyped(addresses: readonly string[], typed: string, all: boolean): { addresses: string[]; text: string } {
  const parts = typed.split(/[,;]/);
  const rest = all ? '' : (parts.pop() ?? '');
  const { addresses: parsed, invalid } = parseRecipients(parts.join(','));
  const next = [...addresses];
  for (const address of parsed) if (!next.some((a) => a.toLowerCase() === address.toLowerCase())) next.push(address);
  // Entries that are not addresses stay as typed, so nothing the user wrote is lost.
  const kept = [...invalid, rest.trimStart()].filter((s) => s !== '').join(', ');
  return { addresses: next, text: kept };
}

export function RecipientField({ label, addresses, text, onChange, certificates, lookups = {}, suggest, autoFocus }: RecipientFieldProps) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [suggestions, setSuggestions] = useState<SuggestedAddress[]>([]);
  const [active, setActive] = useState(0);

  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, [autoFocus]);

  useEffect(() => {
    const query = text.trim();
    if (!suggest || query.length < 2 || /[,;]/.test(query)) {
      setSuggestions([]);
      return;
    }
    let live = true;
    const timer = window.setTimeout(() => {
      void suggest(query).then((found) => {
        if (!live) return;
        setSuggestions(found.filter((s) => !addresses.some((a) => a.toLowerCase() === s.address.toLowerCase())));
        setActive(0);
      });
    }, 150);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [text, suggest, addresses]);

  const pick = (choice: SuggestedAddress) => {
    onChange([...addresses, choice.address], '');
    setSuggestions([]);
    input.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (suggestions.length > 0) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((n) => (n + step + suggestions.length) % suggestions.length);
        return;
      }
      if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        pick(suggestions[active]!);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        setSuggestions([]);
        return;
      }
    }
    if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey && text.trim()) {
      event.preventDefault();
      const next = commitTyped(addresses, text, true);
      onChange(next.addresses, next.text);
    }
    if (event.key === 'Backspace' && text === '' && addresses.length > 0) {
      onChange(addresses.slice(0, -1), '');
    }
  };

  const listId = `${id}-suggestions`;
  const open = suggestions.length > 0;

  return (
    <div className="composer-line recipient-line">
      <label htmlFor={`${id}-input`}>{label}</label>
      <div className="recipient-box" onClick={() => input.current?.focus()}>
        {addresses.length > 0 ? (
          <ul className="chips" aria-label={`${label} recipients`}>
            {addresses.map((address) => {
              const status = certificates[address.toLowerCase()] ?? 'unknown';
              const origin = status === 'known' ? certificateOrigin(lookups[address.toLowerCase()]) : null;
              const words = origin ? `${CERT_WORDS[status]}, ${origin.words}` : CERT_WORDS[status];
              return (
                <li key={address} className={`chip chip-${status}`}>
                  <Icon name={status === 'known' ? 'lock' : 'unlock'} className="chip-icon" />
                  <span className="chip-address">{address}</span>
                  <span className="sr-only">, {words}</span>
                  <span className="chip-cert" aria-hidden="true" title={words}>
                    {status === 'known' ? (origin?.tag ?? '') : status === 'missing' ? 'no cert.' : '?'}
                  </span>
                  <button
                    type="button"
                    className="chip-remove"
                    aria-label={`Remove ${address}`}
                    onClick={(event) => {
                      event.stopPropagation();
                      onChange(addresses.filter((a) => a !== address), text);
                    }}
                  >
                    <Icon name="close" />
                  </button>
                </li>
              );
            })}
          </ul>
        ) : null}
        <input
          id={`${id}-input`}
          ref={input}
          className="recipient-input"
          value={text}
          aria-autocomplete="list"
          aria-controls={open ? listId : undefined}
          aria-activedescendant={open ? `${listId}-${active}` : undefined}
          onChange={(event) => {
            const value = event.target.value;
            if (/[,;]/.test(value)) {
              const next = commitTyped(addresses, value, false);
              onChange(next.addresses, next.text);
            } else {
              onChange([...addresses], value);
            }
          }}
          onKeyDown={onKeyDown}
          onBlur={() => {
            // A finished address becomes a chip when the user moves on; anything else stays as typed.
            window.setTimeout(() => setSuggestions([]), 150);
            if (text.trim() && parseRecipients(text).invalid.length === 0) {
              const next = commitTyped(addresses, text, true);
              onChange(next.addresses, next.text);
            }
          }}
          placeholder={addresses.length === 0 && label === 'To' ? 'name@example.com' : undefined}
          autoComplete="off"
          spellCheck={false}
        />
        {open ? (
          <ul id={listId} role="listbox" className="suggestions" aria-label={`Suggestions for ${label}`}>
            {suggestions.map((s, index) => (
              <li
                key={s.address}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === active}
                className={index === active ? 'suggestion suggestion-active' : 'suggestion'}
                onMouseDown={(event) => {
                  event.preventDefault();
                  pick(s);
                }}
              >
                {s.name ? <span className="suggestion-name">{s.name}</span> : null}
                <span className="suggestion-address">{s.address}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
