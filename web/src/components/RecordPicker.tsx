import { useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type RecordView } from '../api/client';
import { orgName, useReference } from '../model';
import { useDebounced } from '../useDebounced';
import './RecordPicker.css';

/** What the picker shows of a record: enough to tell two "John Smith"s apart. */
type Summary = Pick<RecordView, 'id' | 'caption' | 'schema' | 'ownerOrg'>;

/** The stored id and what it names: a record, or null when the caller may not read it (or it is gone). */
type Chosen = { id: string; record: Summary | null };

const SEARCH_LIMIT = 10;
const DEBOUNCE_MS = 250;

interface Props {
  /** The input's id, for the field's <label for>. */
  id: string;
  name: string;
  /** The chosen record's id; '' for none. */
  value: string;
  /** The schema the referenced record must be (or extend); the search asks for it and its descendants. */
  range: string | undefined;
  required?: boolean;
  invalid?: boolean;
  /** Ids of the field's hint and error, read after the chosen record. */
  describedBy?: string | undefined;
  'aria-label'?: string | undefined;
  onChange: (id: string) => void;
}

/**
 * A reference to another record, chosen by searching names (WAI-ARIA combobox with a listbox
 * popup: Down/Up move, Enter chooses, Escape closes). It stores the record's id and shows its
 * name; the search is the records search, so it never lists a record the user may not read,
 * and a stored id the user may not read shows only as "record not available".
 */
export function RecordPicker({ id, name, value, range, required, invalid, describedBy, onChange, ...rest }: Props) {
  const { t } = useTranslation();
  // The last record resolved or chosen; it names `value` only when their ids agree.
  const [resolved, setResolved] = useState<Chosen | null>(null);
  // What the person is typing; null when not searching (the input then shows the chosen name).
  const [draft, setDraft] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [found, setFound] = useState<{ query: string; items: Summary[] } | null>(null);
  const typed = draft?.trim() ?? '';
  const query = useDebounced(typed, DEBOUNCE_MS);
  const listId = `${id}-list`;
  const chosenId = `${id}-chosen`;
  const chosen = value && resolved?.id === value ? resolved : null;

  // The stored id, resolved to the record it names (unless it is the one just chosen here).
  useEffect(() => {
    if (!value || resolved?.id === value) return;
    let live = true;
    unwrap(api.GET('/api/records/{id}', { params: { path: { id: value }, query: {} } }))
      .then((record) => { if (live) setResolved({ id: value, record }); })
      .catch(() => { if (live) setResolved({ id: value, record: null }); });
    return () => {
      live = false;
    };
  }, [value, resolved?.id]);

  useEffect(() => {
    if (!query) return;
    let live = true;
    unwrap(api.GET('/api/records', { params: { query: { q: query, ...(range ? { schema: range } : {}), limit: SEARCH_LIMIT } } }))
      .then((result) => { if (live) { setFound({ query, items: result.items }); setActive(-1); } })
      .catch(() => { if (live) setFound({ query, items: [] }); });
    return () => {
      live = false;
    };
  }, [query, range]);

  const current = draft !== null && typed && found?.query === typed ? found : null;
  const options = current?.items ?? [];
  const expanded = open && options.length > 0;
  const text = draft ?? chosen?.record?.caption ?? '';

  function choose(record: Summary) {
    setResolved({ id: record.id, record });
    setDraft(null);
    setOpen(false);
    setActive(-1);
    onChange(record.id);
  }

  /** Stops searching: the chosen name comes back in the input. */
  function dismiss() {
    setDraft(null);
    setOpen(false);
    setActive(-1);
  }

  /** Leaving without choosing: a field emptied by the person clears the reference. */
  function settle() {
    if (draft !== null && !typed && value) onChange('');
    dismiss();
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        setOpen(true);
        setActive((i) => Math.min(i + 1, options.length - 1));
        break;
      case 'ArrowUp':
        e.preventDefault();
        setOpen(true);
        setActive((i) => (i <= 0 ? options.length - 1 : i - 1));
        break;
      case 'Enter': {
        // While the list is open, Enter chooses; it never submits the form half-way through a search.
        if (!expanded) break;
        e.preventDefault();
        const record = options[active];
        if (record) choose(record);
        break;
      }
      case 'Escape':
        // Closes the list and gives back the chosen name; the stored reference is untouched.
        if (draft !== null) {
          e.preventDefault();
          dismiss();
        }
        break;
      default:
        break;
    }
  }

  const status = !typed ? '' : !current ? t('picker.searching') : options.length === 0 ? t('picker.none') : t('picker.found', { count: options.length });
  const described = [chosen ? chosenId : '', describedBy ?? ''].filter(Boolean).join(' ') || undefined;
  const activeOption = expanded && active >= 0 ? `${listId}-${active}` : undefined;
  return (
    <div className="record-picker">
      <div className="record-picker-box">
        <input id={id} name={name} type="text" role="combobox" dir="auto" autoComplete="off" spellCheck={false} value={text}
          aria-autocomplete="list" aria-expanded={expanded} aria-controls={listId} aria-activedescendant={activeOption}
          aria-invalid={invalid ? true : undefined} aria-describedby={described} aria-label={rest['aria-label']}
          required={required} placeholder={t('picker.placeholder')}
          onChange={(e) => { setDraft(e.target.value); setOpen(true); }}
          onKeyDown={onKeyDown} onBlur={settle} />
        <ul id={listId} role="listbox" aria-label={t('picker.results')} className="record-picker-list" hidden={!expanded}>
          {options.map((r, i) => (
            <li key={r.id} id={`${listId}-${i}`} data-record-id={r.id} role="option" aria-selected={i === active} className={i === active ? 'active' : undefined}
              // Keeps the focus in the input, so choosing by pointer does not first "leave" the field.
              onMouseDown={(e) => e.preventDefault()} onClick={() => choose(r)}>
              <RecordSummary record={r} />
            </li>
          ))}
        </ul>
      </div>
      <p role="status" className="record-picker-status">{open ? status : ''}</p>
      {chosen ? (
        <p id={chosenId} className="hint record-picker-chosen" data-testid="picker-chosen">
          {chosen.record ? <>{t('picker.chosen')} <RecordSummary record={chosen.record} /></> : t('picker.notAvailable')}
        </p>
      ) : null}
    </div>
  );
}

/** Caption, then type, owner and the id's first characters. */
function RecordSummary({ record }: { record: Summary }) {
  const { model, orgs } = useReference();
  const type = model?.schemata.find((s) => s.name === record.schema)?.label ?? record.schema;
  return (
    <>
      <bdi className="record-picker-caption">{record.caption}</bdi>{' '}
      <span className="record-picker-meta">
        {type} · {orgName(orgs, record.ownerOrg)} · <span className="mono" title={record.id}>{record.id.slice(0, 8)}</span>
      </span>
    </>
  );
}
