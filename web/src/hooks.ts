import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type Problem, problemOf } from './api/client';
import { useFormat } from './i18n/format';

export interface Resource<T> {
  data: T | undefined;
  problem: Problem | undefined;
  loading: boolean;
  reload(): void;
  /** Loads again while the screen keeps showing the last answer (no loading state between). */
  refresh(): Promise<void>;
  setData(data: T): void;
}

/**
 * Loads `load()` whenever `key` changes (null: load nothing), keeping the last answer while a new
 * one comes. The key names what is loaded, so a change of page reloads it; a change of language
 * does not need to (the API's sentences come in both languages, `sentenceOf`).
 */
export function useResource<T>(key: string | null, load: () => Promise<T>): Resource<T> {
  const [data, setData] = useState<T>();
  const [problem, setProblem] = useState<Problem>();
  const [loading, setLoading] = useState(key !== null);
  const [generation, setGeneration] = useState(0);
  const loader = useRef(load);
  loader.current = load;

  useEffect(() => {
    if (key === null || generation < 0) return;
    let live = true;
    setLoading(true);
    loader.current().then(
      (value) => {
        if (!live) return;
        setData(value);
        setProblem(undefined);
        setLoading(false);
      },
      (error: unknown) => {
        if (!live) return;
        setProblem(problemOf(error));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const refresh = useCallback(async () => {
    try {
      setData(await loader.current());
    } catch {
      // The last answer stays: it was right a moment ago, and the next visit loads afresh.
    }
  }, []);
  return { data, problem, loading, reload, refresh, setData };
}

/** Runs one action at a time and keeps its refusal for the screen. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const run = useCallback(async <T>(action: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setProblem(undefined);
    try {
      return await action();
    } catch (error) {
      if (!(error instanceof ApiError) && (error as Error)?.name === 'AbortError') return undefined;
      setProblem(problemOf(error));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => setProblem(undefined), []);
  return { busy, problem, run, clear, setProblem };
}

/**
 * A form that sends one request at a time: the action (busy, refusal) and the sentence that says
 * what was saved, for the page's status line. `save` answers the result, or undefined if refused.
 */
export function useSaving() {
  const action = useAction();
  const [saved, setSaved] = useState('');
  const { run } = action;
  const save = useCallback(
    async <T>(send: () => Promise<T>, said: (result: T) => string): Promise<T | undefined> => {
      // The last save's sentence goes as this one starts: never beside this one's refusal.
      setSaved('');
      const result = await run(send);
      if (result) setSaved(said(result));
      return result;
    },
    [run],
  );
  return { ...action, saved, setSaved, save };
}

/** A message kept as a key and values, so it follows the reader into the other language. */
export interface Message {
  key: string;
  values?: Record<string, string | number>;
  /** Business dates (YYYY-MM-DD), formatted for the reader when shown. */
  dates?: Record<string, string>;
}

export function useMessage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [message, setMessage] = useState<Message>();
  const dates = Object.fromEntries(
    Object.entries(message?.dates ?? {}).map(([name, date]) => [name, format.date(date)]),
  );
  const text = message ? t(message.key, { ...message.values, ...dates }) : '';
  const clear = useCallback(() => setMessage(undefined), []);
  return { text, say: setMessage, clear };
}
