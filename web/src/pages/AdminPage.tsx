import { PageTitle } from '../components/PageTitle';
import { UnderConstruction } from '../components/UnderConstruction';

/** 管理: accounts and ledger imports (admin and office); not tied to one campaign. */
export function AdminPage() {
  return (
    <>
      <PageTitle title="管理" />
      <UnderConstruction what="管理" />
    </>
  );
}
