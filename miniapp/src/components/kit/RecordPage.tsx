import type { ReactNode } from 'react';
import type { RequestState } from '../../hooks/useRequest';
import Page from '../Page';
import { ErrorState, Loading } from '../PageState';
import { NotFound, type Found } from './NotFound';

type Loaded<T> = RequestState<Found<T>> & { reload: () => Promise<boolean> };

/**
 * The states of a page that shows one record loaded by id (findById + useRequest):
 * loading with what is being opened, a failure with 重试, an unknown id with a way
 * home — then the record itself, which brings its own <Page>.
 */
export function RecordPage<T>({ req, loadingText, children }: { req: Loaded<T>; loadingText: string; children: (record: T) => ReactNode }) {
  if (req.status === 'loading') {
    return (
      <Page>
        <Loading text={loadingText} />
      </Page>
    );
  }
  if (req.status === 'error') {
    return (
      <Page>
        <ErrorState message={req.error} onRetry={() => void req.reload()} />
      </Page>
    );
  }
  if (!req.data.found) {
    return (
      <Page>
        <NotFound message={req.data.message} />
      </Page>
    );
  }
  return <>{children(req.data.data)}</>;
}
