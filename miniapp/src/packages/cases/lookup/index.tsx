import Page from '../../../components/Page'
import { Loading } from '../../../components/PageState'

export default function Screen() {
  return (
    <Page>
      <Loading />
    </Page>
  )
}
